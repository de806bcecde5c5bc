"""Portfolio: the as-of month's customers and ARR by health tier and colour, at-risk ARR
and renewals within the window, GRR / NRR / logo retention by month, and the same by
segment and CSM (marts rpt_executive_kpis_monthly, rpt_health_tiers_monthly,
fct_account_health_monthly)."""
from __future__ import annotations

import altair as alt
import streamlit as st

from health_dashboard.display import chart, count, money, share
from health_dashboard.warehouse import query

KPIS = "marts.rpt_executive_kpis_monthly"


def render() -> None:
    st.title("Portfolio")
    months = query(f"select * from {KPIS} where dimension = 'total' order by month_start")
    current = months.iloc[-1]
    full = months[~months["is_partial_month"]]
    last_full = full.iloc[-1] if len(full) else current
    to_date = " (month to date)" if current["is_partial_month"] else ""
    st.caption(f"Customers, ARR and risk at the end of {current['month_start']:%B %Y}{to_date}; "
               f"retention rates of {last_full['month_start']:%B %Y}, the last full month.")

    row = st.columns(5)
    row[0].metric("Customers", count(current["customers_end"]))
    row[1].metric("ARR", money(current["ending_arr"]))
    row[2].metric("At-risk ARR", money(current["at_risk_arr"]))
    row[3].metric("At-risk share of ARR", share(current["at_risk_arr_share"]))
    row[4].metric("ARR renewing in the window", money(current["renewing_arr"]))
    row = st.columns(4)
    row[0].metric("GRR, last full month", share(last_full["gross_revenue_retention"]))
    row[1].metric("NRR, last full month", share(last_full["net_revenue_retention"]))
    row[2].metric("Logo retention, last full month", share(last_full["logo_retention"]))
    row[3].metric("At-risk ARR renewing in the window", money(current["renewing_at_risk_arr"]))

    left, right = st.columns(2)
    with left:
        st.subheader("Customers and ARR by health tier")
        tiers = query("""
            select tiers.health_tier, tiers.customers, tiers.arr, tiers.renewing_arr
            from marts.rpt_health_tiers_monthly as tiers
            where tiers.dimension = 'total' and tiers.month_start = ?
            order by tiers.arr desc""", (current["month_start"],))
        chart(tiers, lambda c: c.mark_bar().encode(
            x=alt.X("arr:Q", title="ARR"), y=alt.Y("health_tier:N", sort="-x", title=None),
            tooltip=["health_tier", "customers", "arr", "renewing_arr"]), "ARR by tier")
    with right:
        st.subheader("Customers and ARR by colour")
        colours = query("""
            select coalesce(health_colour, 'unscored') as health_colour,
                count(*) as customers, sum(arr) as arr
            from marts.fct_account_health_monthly
            where month_start = ? group by 1 order by 1""", (current["month_start"],))
        chart(colours, lambda c: c.mark_bar().encode(
            x=alt.X("arr:Q", title="ARR"), y=alt.Y("health_colour:N", title=None),
            color=alt.Color("health_colour:N", legend=None, scale=alt.Scale(
                domain=["green", "yellow", "red", "unscored"],
                range=["#2e7d32", "#f9a825", "#c62828", "#9e9e9e"])),
            tooltip=["health_colour", "customers", "arr"]), "ARR by colour")

    st.subheader("Retention by month")
    rates = full.melt(id_vars=["month_start"], value_vars=[
        "gross_revenue_retention", "net_revenue_retention", "logo_retention"],
        var_name="measure", value_name="rate").dropna()
    chart(rates, lambda c: c.mark_line(point=True).encode(
        x=alt.X("month_start:T", title=None), y=alt.Y("rate:Q", title=None, scale=alt.Scale(zero=False)),
        color=alt.Color("measure:N", title=None), tooltip=["month_start", "measure", "rate"]),
        "retention by month")

    st.subheader("By segment and CSM, month to date")
    cuts = query(f"""
        select dimension, dimension_label, customers_end, ending_arr, mean_health_score,
            at_risk_arr, at_risk_arr_share, renewing_arr, gross_revenue_retention,
            net_revenue_retention, logo_retention
        from {KPIS}
        where dimension in ('segment', 'csm') and month_start = ?
        order by dimension desc, ending_arr desc""", (current["month_start"],))
    st.dataframe(cuts, hide_index=True, width="stretch")
