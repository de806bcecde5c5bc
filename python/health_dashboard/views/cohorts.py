"""Cohorts: the retention triangle (logo retention by signup cohort and period) as a heat
map, and retention curves by segment and ARR tier (marts rpt_cohort_retention,
rpt_retention_curves; the headline month from seed kpi_settings)."""
from __future__ import annotations

import altair as alt
import streamlit as st

from health_dashboard.display import chart, share
from health_dashboard.warehouse import query


def render() -> None:
    st.title("Cohorts")
    month = int(query("select behavioural_retention_month from kpi_config.kpi_settings").iloc[0, 0])
    curves = query("select * from marts.rpt_retention_curves order by curve_dimension, curve_value, months_since_start")
    overall = curves[(curves["curve_dimension"] == "all") & (curves["months_since_start"] == month)]
    row = st.columns(3)
    row[0].metric(f"Month-{month} logo retention, all accounts",
                  share(overall["logo_retention"].iloc[0]) if len(overall) else "-")
    row[1].metric(f"Month-{month} NRR, all accounts",
                  share(overall["net_revenue_retention"].iloc[0]) if len(overall) else "-")
    row[2].metric(f"Month-{month} GRR, all accounts",
                  share(overall["gross_revenue_retention"].iloc[0]) if len(overall) else "-")

    grain = st.radio("Cohort grain", ["month", "quarter"], horizontal=True)
    measure = st.radio("Measure", ["logo_retention", "net_revenue_retention", "gross_revenue_retention"],
                       horizontal=True)
    triangle = query("""
        select cohort_start, period_number, cohort_accounts, logo_retention,
            net_revenue_retention, gross_revenue_retention
        from marts.rpt_cohort_retention where cohort_grain = ?
        order by cohort_start, period_number""", (grain,))
    triangle["cohort"] = triangle["cohort_start"].astype(str)
    st.subheader(f"Retention triangle ({measure.replace('_', ' ')})")
    chart(triangle, lambda c: c.mark_rect().encode(
        x=alt.X("period_number:O", title=f"{grain}s since signup"),
        y=alt.Y("cohort:O", title="signup cohort"),
        color=alt.Color(f"{measure}:Q", title=None, scale=alt.Scale(scheme="blues")),
        tooltip=["cohort", "period_number", "cohort_accounts", measure]), "retention triangle")

    for dimension, title in [("segment", "by segment"), ("arr_tier", "by ARR tier of the first month")]:
        st.subheader(f"Logo retention curves {title}")
        lines = curves[curves["curve_dimension"] == dimension]
        chart(lines, lambda c: c.mark_line(point=True).encode(
            x=alt.X("months_since_start:Q", title="months since signup"),
            y=alt.Y("logo_retention:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color("curve_value:N", title=None),
            tooltip=["curve_value", "months_since_start", "observed_accounts", "logo_retention"]),
            f"retention curves {title}")
