"""A dbt-duckdb plugin (profiles/profiles.yml, `plugins`): creates the folder of the
database file before DuckDB opens it, for every dbt command, so that `dbt build` with
HEALTH_DUCKDB_PATH in a folder that does not exist yet (a fresh clone's `warehouse/`)
builds there instead of stopping with DuckDB's "Cannot open file ... No such file or
directory". The profile cannot do it: dbt renders it without access to the file system.
An in-memory database or a MotherDuck one (`md:`) has no folder."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        path = creds.path
        if not path or path == ":memory:" or ":" in path.split("/")[0]:
            return
        folder = Path(path).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RuntimeError(f"HEALTH_DUCKDB_PATH: cannot create the folder {folder} of the "
                               f"database file {path}: {error.strerror}") from error
