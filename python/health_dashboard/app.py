"""The Streamlit script `health-dashboard` runs: five pages, each at its own URL path."""
from __future__ import annotations

import os

import streamlit as st

from health_dashboard import DB_ENV, FOOTER
from health_dashboard.views import account, actions, cohorts, portfolio, validation

# url path -> (module, title); the browser test and the exposures use the same paths
PAGES = {
    "portfolio": (portfolio, "Portfolio"),
    "account": (account, "Account"),
    "actions": (actions, "CSM action list"),
    "cohorts": (cohorts, "Cohorts"),
    "validation": (validation, "Validation"),
}

st.set_page_config(page_title="Customer health", layout="wide")
st.navigation([
    st.Page(module.render, title=title, url_path=path, default=path == "portfolio")
    for path, (module, title) in PAGES.items()
]).run()
# written last: a page is complete when this line shows (the browser test waits for it)
st.divider()
st.caption(f"{FOOTER}: {os.environ[DB_ENV]}")
