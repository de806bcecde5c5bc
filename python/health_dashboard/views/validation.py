"""Validation: does the score predict churn out of sample? AUC, top-decile lift and
calibration error against their targets, lift by risk decile, the calibration curve and
the quality of each risk signal (validation.val_metrics, val_lift_by_decile,
val_calibration_by_band, val_signal_quality; docs/VALIDATION.md)."""
from __future__ import annotations

import altair as alt
import streamlit as st

from health_dashboard.display import chart, missing, ratio
from health_dashboard.warehouse import query

PERIOD = "evaluation"


def _target(row) -> str:
    if missing(row["comparison"]):
        return ""
    mark = "meets" if row["meets_target"] else "misses"
    return f"target {row['comparison']} {row['target']:g}: {mark}"


def render() -> None:
    st.title("Validation")
    st.caption("Evaluation dates: the later half of the backtest, scored with settings fitted on the earlier half.")
    metrics = query("""
        select metric, metric_value, comparison, target, meets_target, observations, churners
        from validation.val_metrics
        where dimension = 'total' and backtest_period = ? order by metric""", (PERIOD,)).set_index("metric")
    row = st.columns(4)
    for column, (metric, label) in zip(row, [("auc", "AUC"), ("top_decile_lift", "Top-decile lift"),
                                             ("calibration_error", "Calibration error"),
                                             ("churn_prediction_accuracy", "Churners caught at the threshold")]):
        if metric in metrics.index:
            found = metrics.loc[metric]
            column.metric(label, ratio(found["metric_value"]), help=_target(found))
            column.caption(_target(found))

    left, right = st.columns(2)
    with left:
        st.subheader("Lift by risk decile")
        lift = query("""
            select risk_decile, observations, churners, churn_rate, lift
            from validation.val_lift_by_decile
            where dimension = 'total' and backtest_period = ? order by risk_decile""", (PERIOD,))
        chart(lift, lambda c: c.mark_bar().encode(
            x=alt.X("risk_decile:O", title="risk decile (1 = lowest scores)"), y=alt.Y("lift:Q"),
            tooltip=["risk_decile", "observations", "churners", "churn_rate", "lift"]), "lift by decile")
    with right:
        st.subheader("Calibration")
        bands = query("""
            select score_band_lower, observations, predicted_churn_rate, actual_churn_rate
            from validation.val_calibration_by_band
            where dimension = 'total' and backtest_period = ? order by score_band_lower""", (PERIOD,))
        curve = bands.melt(id_vars=["score_band_lower", "observations"],
                           value_vars=["predicted_churn_rate", "actual_churn_rate"],
                           var_name="rate", value_name="churn_rate").dropna()
        chart(curve, lambda c: c.mark_line(point=True).encode(
            x=alt.X("score_band_lower:Q", title="score band"), y=alt.Y("churn_rate:Q", title="churn rate"),
            color=alt.Color("rate:N", title=None),
            tooltip=["score_band_lower", "observations", "rate", "churn_rate"]), "calibration curve")

    st.subheader("Every measure and its target")
    st.dataframe(metrics.reset_index(), hide_index=True, width="stretch")
    st.subheader("Signal quality")
    st.dataframe(query("""
        select signal, severity, verdict, accounts_fired, churners_fired, lift, recall,
            false_positive_rate, median_lead_time_days
        from validation.val_signal_quality order by lift desc nulls last"""),
        hide_index=True, width="stretch")
