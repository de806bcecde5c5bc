"""A rebuild of the same data stores the same scores, bit for bit (docs/DEFINITIONS.md 2):
scores are rounded to 9 decimals from rounded parts, fit parameters are rounded, and means
over accounts are summed exactly, so the order an engine adds numbers in does not show.
(Other tables may still differ in the last bit of a sum of doubles: compare_builds compares
them by float sums to 1e-9.)"""
from __future__ import annotations

import duckdb

from conftest import TINY, run_dbt

SCORE_TABLES = [
    "intermediate.int_account_scores_daily",
    "marts.fct_health_scores_daily", "marts.rpt_account_health", "marts.rpt_account_submetric_scores",
    "marts.rpt_flat_export_scores", "marts.rpt_csm_portfolio",
]


def test_two_builds_store_identical_scores(tiny, tmp_path):
    again = tmp_path / "again.duckdb"
    run_dbt(["build", "--exclude", "resource_type:test", "resource_type:unit_test"], again, tmp_path / "target",
            tiny.raw, TINY.end)
    con = duckdb.connect()
    con.execute(f"attach '{tiny.db}' as first (read_only)")
    con.execute(f"attach '{again}' as second (read_only)")
    fingerprints = {table: [con.execute(f"select count(*), sum(hash(r)) from {db}.{table} as r").fetchone()
                            for db in ("first", "second")] for table in SCORE_TABLES}
    assert all(first[0] > 0 for first, _ in fingerprints.values())
    assert [table for table, (first, second) in fingerprints.items() if first != second] == []
