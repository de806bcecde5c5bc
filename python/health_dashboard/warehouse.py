"""Read-only queries against the warehouse snapshot the dashboard serves (the file
HEALTH_DASHBOARD_DB names; `health-dashboard` copies the built warehouse there, so a
running `dbt build` never waits for the dashboard nor the dashboard for it)."""
from __future__ import annotations

import os

import duckdb
import pandas as pd
import streamlit as st

from health_dashboard import DB_ENV


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@st.cache_data(show_spinner=False)
def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    """The rows of `sql` (with `?` parameters) as a DataFrame; one cursor per query, so
    Streamlit's sessions can read at the same time."""
    path = os.environ[DB_ENV]
    with _connection(path).cursor() as cursor:
        return cursor.execute(sql, list(params)).df()
