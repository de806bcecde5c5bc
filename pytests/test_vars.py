"""Vars the models paste into SQL: a malformed value stops the run naming the var, before
anything is built (and cannot change the compiled SQL)."""
from __future__ import annotations

import shutil

import duckdb
import pytest
import yaml

from conftest import ROOT, TINY, run_dbt


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


def test_unit_tests_hold_with_every_var_changed(tmp_path, tiny):
    """A unit test sets the vars its model reads (`overrides: vars`): a run's own vars, such
    as recompute_from after late data, do not change its expected rows. Every var the
    project declares, set to another valid value, and every unit test still passes."""
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    changed = {"recompute_from": "2026-02-01", "expose_contact_names": True, "onboarding_days": 30,
               "calibration_newton_steps": 10, "scoring_config_set": "fightchurn",
               "allow_empty_raw_path": True, "flat_export_file": "", "weight_candidates_path": ""}
    declared = yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]
    assert set(declared) == {*changed, "raw_path", "as_of_date"}, "a var to add to `changed`"
    proc = run_dbt(["test", "--select", "test_type:unit"], db, tmp_path / "target", tiny.raw, TINY.end,
                   check=False, extra_vars=changed)
    assert proc.returncode == 0, proc.stdout[-3000:]
    ran = " ".join(proc.stdout.split())
    assert f" {len(tiny.manifest()['unit_tests'])} unit tests in " in ran and " ERROR=0 " in ran, ran[-1000:]
