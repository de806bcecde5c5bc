"""Account: one account's score history against the tier bands, its five components,
drivers and strengths in words, active signals and the risk card, and its MRR by month
(marts rpt_account_health, fct_health_scores_daily, rpt_account_risk_card,
fct_mrr_movements_monthly; tiers from seed health_tiers). The account comes from the
`account` query parameter, else the lowest score."""
from __future__ import annotations

import altair as alt
import streamlit as st

from health_dashboard.display import chart, missing, money, score
from health_dashboard.warehouse import query

COMPONENTS = ["usage_score", "engagement_score", "growth_score", "support_score", "financial_score"]


def render() -> None:
    st.title("Account")
    accounts = query("""
        select health.account_id, coalesce(card.account_name, health.account_id) as account_name,
            health.health_score
        from marts.rpt_account_health as health
        left join marts.rpt_account_risk_card as card on health.account_id = card.account_id
        order by health.health_score nulls last, health.account_id""")
    if accounts.empty:
        st.warning("No scored accounts")
        return
    ids = accounts["account_id"].tolist()
    names = dict(zip(accounts["account_id"], accounts["account_name"]))
    wanted = st.query_params.get("account", ids[0])
    chosen = st.selectbox("Account", ids, index=ids.index(wanted) if wanted in ids else 0,
                          format_func=lambda a: f"{names[a]} ({a})")

    health = query("select * from marts.rpt_account_health where account_id = ?", (chosen,)).iloc[0]
    row = st.columns(4)
    row[0].metric("Health score", score(health["health_score"]),
                  delta=None if missing(health["health_change_7d"])
                  else f"{health['health_change_7d']:+.1f} in 7 days")
    row[1].metric("Tier", f"{health['health_tier']} ({health['health_colour']})")
    row[2].metric("Velocity", "-" if missing(health["velocity_points_per_day"])
                  else f"{health['velocity_points_per_day']:+.2f} pts/day", help=health["velocity_band"])
    row[3].metric("Coverage", "-" if missing(health["coverage"]) else f"{100 * health['coverage']:.0f}%")

    st.subheader("Score history")
    history = query("""
        select date_day, health_score from marts.fct_health_scores_daily
        where account_id = ? and health_score is not null order by date_day""", (chosen,))
    bands = query("""
        select tier, min_score, coalesce(max_score, 100) as max_score
        from scoring_config.health_tiers order by tier_rank""")

    def score_chart(c):
        band_layer = alt.Chart(bands).mark_rect(opacity=0.15).encode(
            y=alt.Y("min_score:Q"), y2="max_score:Q", color=alt.Color(
                "tier:N", title="tier band", sort=bands["tier"].tolist(),
                scale=alt.Scale(domain=bands["tier"].tolist(), scheme="redyellowgreen", reverse=True)))
        line = c.mark_line().encode(x=alt.X("date_day:T", title=None),
                                    y=alt.Y("health_score:Q", title="score", scale=alt.Scale(domain=[0, 100])),
                                    tooltip=["date_day", "health_score"])
        return band_layer + line
    chart(history, score_chart, "score history")

    left, right = st.columns(2)
    with left:
        st.subheader("Components")
        components = health[COMPONENTS].rename(lambda c: c.removesuffix("_score")).rename("score") \
            .reset_index().rename(columns={"index": "component"}).dropna()
        chart(components, lambda c: c.mark_bar().encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100])), y=alt.Y("component:N", title=None),
            tooltip=["component", "score"]), "component scores")
        st.markdown(f"**Risk drivers:** {health['risk_drivers'] or 'none'}")
        st.markdown(f"**Strengths:** {health['strengths'] or 'none'}")
        st.markdown(f"**30-day movers:** {health['change_drivers_30d'] or 'none'}")
    with right:
        st.subheader("Risk card")
        card = query("select * from marts.rpt_account_risk_card where account_id = ?", (chosen,))
        if card.empty:
            st.info("No risk card: the account is not a customer on the as-of day")
        else:
            card = card.iloc[0]
            renewal = ("no renewal date" if missing(card["renewal_date"])
                       else f"renewal {card['renewal_date']:%Y-%m-%d} ({card['days_to_renewal']} days)")
            st.markdown(f"**Risk level:** {card['risk_level']} - ARR {money(card['arr'])}, {renewal}")
            st.markdown(f"**Active signals ({card['active_signals']}):** {card['top_risk_signals'] or 'none'}")
            st.markdown(f"**Recommended actions:** {card['recommended_actions'] or 'none'}")
            st.markdown(f"**Open / overdue actions:** {card['open_actions']} / {card['overdue_actions']}")

    st.subheader("MRR by month")
    mrr = query("""
        select month_start, ending_mrr, movement from marts.fct_mrr_movements_monthly
        where account_id = ? order by month_start""", (chosen,))
    chart(mrr, lambda c: c.mark_bar().encode(
        x=alt.X("month_start:T", title=None), y=alt.Y("ending_mrr:Q", title="MRR"),
        color=alt.Color("movement:N"), tooltip=["month_start", "ending_mrr", "movement"]), "MRR history")
