"""The customer-health dashboard (Streamlit): five pages over the marts of a built
warehouse - portfolio, account, CSM action list, cohorts, validation. `make dashboard`
serves it on 127.0.0.1; docs/DASHBOARD.md says what each page shows and from which mart."""

# the environment variable naming the warehouse snapshot the pages read
DB_ENV = "HEALTH_DASHBOARD_DB"
# the last line of every page; a page showing it has run to its end
FOOTER = "Warehouse snapshot"
