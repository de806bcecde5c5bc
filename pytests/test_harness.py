"""The harness commands that `make demo` and `make docs` run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from health_harness.warehouse_path import warehouse_path


def test_show_prints_warehouse_marts_and_accounts(tiny):
    env = {**os.environ, "HEALTH_DUCKDB_PATH": str(tiny.db)}
    out = subprocess.run([sys.executable, "-m", "health_harness.show"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert str(tiny.db) in out
    assert "marts.rpt_customer_360" in out and "marts.dim_accounts" in out
    assert "ACC-" in out and "duplicate_message_id" in out


def test_contract_doc_check_mode():
    proc = subprocess.run([sys.executable, "-m", "health_harness.contract_doc", "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_tools_read_the_warehouse_the_profile_builds(monkeypatch, tmp_path):
    """The demo summary, the validation report and the dashboard read HEALTH_DUCKDB_PATH as
    the profile does: set but empty counts as unset (the summary read it as a database in
    memory, with no marts), and the default is the project's warehouse wherever they start."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HEALTH_DUCKDB_PATH", "")
    assert warehouse_path() == ROOT / "warehouse" / "customer_health.duckdb"
    monkeypatch.setenv("HEALTH_DUCKDB_PATH", "/data/acme.duckdb")
    assert warehouse_path() == Path("/data/acme.duckdb")
