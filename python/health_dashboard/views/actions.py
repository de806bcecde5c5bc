"""CSM action list: today's actions in priority order with their SLA and evidence,
filtered by CSM (mart rpt_csm_action_list)."""
from __future__ import annotations

import altair as alt
import streamlit as st

from health_dashboard.display import chart, count, money
from health_dashboard.warehouse import query

ALL = "All CSMs"


def render() -> None:
    st.title("CSM action list")
    actions = query("""
        select coalesce(csm_name, 'no CSM') as csm, priority_rank, account_name, account_id,
            segment, arr, health_score, severity, signal, days_open, sla_due_at,
            hours_to_sla_due, is_overdue, evidence, recommended_action, playbook, as_of_date
        from marts.rpt_csm_action_list
        order by csm, priority_rank""")
    csms = [ALL] + sorted(actions["csm"].unique().tolist())
    chosen = st.selectbox("CSM", csms, index=csms.index(st.query_params.get("csm", ALL))
                          if st.query_params.get("csm", ALL) in csms else 0)
    shown = actions if chosen == ALL else actions[actions["csm"] == chosen]
    if len(actions):
        st.caption(f"As of {actions['as_of_date'].iloc[0]:%d %B %Y}")

    row = st.columns(4)
    row[0].metric("Actions", count(len(shown)))
    row[1].metric("Overdue", count(int(shown["is_overdue"].sum())))
    row[2].metric("Accounts", count(shown["account_id"].nunique()))
    row[3].metric("ARR of these accounts", money(shown.drop_duplicates("account_id")["arr"].sum()))

    by_severity = shown.groupby(["severity", "is_overdue"], as_index=False).size()
    chart(by_severity, lambda c: c.mark_bar().encode(
        x=alt.X("size:Q", title="actions"), y=alt.Y("severity:N", title=None),
        color=alt.Color("is_overdue:N", title="overdue"), tooltip=["severity", "is_overdue", "size"]),
        "actions by severity")
    st.dataframe(shown.drop(columns=["as_of_date"]), hide_index=True, width="stretch")
