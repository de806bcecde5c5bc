"""The harness commands that `make demo` and `make docs` run."""
from __future__ import annotations

import os
import subprocess
import sys


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
