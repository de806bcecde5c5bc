"""The warehouse the project's Python tools read (the demo summary, the validation report,
the dashboard): HEALTH_DUCKDB_PATH as the dbt profile reads it, set but empty counting as
unset, else the profile's default, warehouse/customer_health.duckdb in the project folder
(where dbt runs), wherever the tool is started from."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "warehouse" / "customer_health.duckdb"


def warehouse_path() -> Path:
    return Path(os.environ.get("HEALTH_DUCKDB_PATH") or DEFAULT)
