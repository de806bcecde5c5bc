"""A rebuild of the same data stores the same rows, bit for bit, in the marts and the
intermediate models (docs/DEFINITIONS.md 2): scores are rounded to 9 decimals from rounded
parts, fit parameters are rounded, and means over accounts are summed exactly, so the
order an engine adds numbers in does not show."""
from __future__ import annotations

import duckdb

from conftest import TINY, run_dbt


def test_two_builds_store_identical_rows(tiny, tmp_path):
    again = tmp_path / "again.duckdb"
    run_dbt(["build", "--exclude", "resource_type:test", "resource_type:unit_test"], again, tmp_path / "target",
            tiny.raw, TINY.end)
    con = duckdb.connect()
    con.execute(f"attach '{tiny.db}' as first (read_only)")
    con.execute(f"attach '{again}' as second (read_only)")
    tables = con.execute("""select table_schema, table_name from information_schema.tables
        where table_catalog = 'first' and table_schema in ('marts', 'intermediate')
          and table_type = 'BASE TABLE' order by 1, 2""").fetchall()
    assert len(tables) > 30
    differ = [f"{schema}.{table}" for schema, table in tables
              if len({con.execute(f"select count(*), sum(hash(r)) from {db}.{schema}.{table} as r").fetchone()
                      for db in ("first", "second")}) > 1]
    assert differ == []
