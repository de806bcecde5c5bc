"""How the dashboard writes numbers and draws charts, the same way on every page: money
in whole dollars, shares as percentages with one decimal, scores with one decimal; a
chart with no rows says so instead of drawing an empty frame (the browser test fails
on that message)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

EMPTY_CHART = "No rows to chart"


def money(value) -> str:
    return "-" if missing(value) else f"${float(value):,.0f}"


def share(value) -> str:
    return "-" if missing(value) else f"{100 * float(value):.1f}%"


def score(value) -> str:
    return "-" if missing(value) else f"{float(value):.1f}"


def count(value) -> str:
    return "-" if missing(value) else f"{int(value):,}"


def ratio(value, places: int = 3) -> str:
    return "-" if missing(value) else f"{float(value):.{places}f}"


def missing(value) -> bool:
    """None, NaN, NaT and pandas' NA."""
    return value is None or bool(pd.isna(value))


def chart(frame: pd.DataFrame, build, what: str) -> None:
    """Draws `build(frame)` (an Altair chart), or says that `what` has no rows."""
    if frame.empty:
        st.warning(f"{EMPTY_CHART}: {what}")
        return
    st.altair_chart(build(alt.Chart(frame)), width="stretch")
