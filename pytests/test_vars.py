"""Vars the models paste into SQL: a malformed value stops the run naming the var, before
anything is built (and cannot change the compiled SQL)."""
from __future__ import annotations

import duckdb
import pytest

from conftest import TINY, run_dbt


@pytest.mark.parametrize("extra, message", [
    ({"as_of_date": "03/31/2026"}, "var as_of_date: '03/31/2026' is not a date written YYYY-MM-DD"),
    ({"as_of_date": "2026-13-01"}, "var as_of_date: '2026-13-01' is not a date written YYYY-MM-DD"),
    ({"as_of_date": "2026-02-29"}, "var as_of_date: '2026-02-29' is not a day of the calendar (month 2 of 2026 has 28 days)"),
    ({"as_of_date": "2026-03-31' as date) or (true"}, "var as_of_date: '2026-03-31' as date) or (true' is not a date"),
    ({"recompute_from": "2026-3-1"}, "var recompute_from: '2026-3-1' is not a date written YYYY-MM-DD"),
    ({"recompute_from": "2026-02-30"},
     "var recompute_from: '2026-02-30' is not a day of the calendar (month 2 of 2026 has 28 days)"),
    ({"recompute_from": "2026-04-01"}, "var recompute_from: '2026-04-01' is after as_of_date '2026-03-31'"),
    ({"scoring_config_set": "account_daily' or 'x' = 'x"},
     "var scoring_config_set: 'account_daily' or 'x' = 'x' is not a config set name"),
])
def test_malformed_var_stops_the_run_naming_it(tmp_path, tiny, extra, message):
    db = tmp_path / "w.duckdb"
    proc = run_dbt(["build", "--select", "stg_crm__accounts"], db, tmp_path / "target", tiny.raw, TINY.end,
                   check=False, extra_vars=extra)
    assert proc.returncode != 0
    assert message in proc.stdout.replace("\n", " "), proc.stdout[-2000:]
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            built = con.sql("select count(*) from information_schema.tables where table_schema = 'staging'")
            assert built.fetchone()[0] == 0
