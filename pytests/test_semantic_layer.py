"""The semantic layer (docs/SEMANTIC_LAYER.md): MetricFlow's `mf` answers the saved
queries on the tiny build, and its numbers equal the marts' (the same definitions, two
ways of asking)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
MF = str(Path(sys.executable).with_name("mf"))
KPIS = ["gross_revenue_retention", "net_revenue_retention", "logo_retention", "expansion_rate",
        "churned_mrr", "contraction_mrr", "ending_arr", "mean_health_score", "at_risk_customers",
        "at_risk_arr", "at_risk_arr_share", "renewing_arr", "renewing_at_risk_arr"]


@pytest.fixture(scope="module")
def mf(tiny, tmp_path_factory):
    """Runs `mf` against the tiny build. mf reads <project>/target/semantic_manifest.json,
    so it runs in a folder holding the project file and the build's semantic manifest."""
    project = tmp_path_factory.mktemp("mf")
    (project / "dbt_project.yml").symlink_to(ROOT / "dbt_project.yml")
    (project / "target").mkdir()
    (project / "target" / "semantic_manifest.json").write_bytes(
        (tiny.target / "semantic_manifest.json").read_bytes())
    env = {**os.environ, "DO_NOT_TRACK": "1", "DBT_PROFILES_DIR": str(ROOT / "profiles"),
           "HEALTH_DUCKDB_PATH": str(tiny.db)}

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([MF, *args], cwd=project, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"mf {' '.join(args)}:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        return proc

    def query(saved_query: str) -> pd.DataFrame:
        out = project / f"{saved_query}.csv"
        run("query", "--saved-query", saved_query, "--csv", str(out))
        frame = pd.read_csv(out)
        if "metric_time__month" in frame:
            frame["month_start"] = pd.to_datetime(frame.pop("metric_time__month")).dt.date
        return frame

    run.query = query
    return run


def _assert_equal(mart: pd.DataFrame, semantic: pd.DataFrame, keys: list[str], columns: list[str]):
    """Same keys on both sides, and every column equal (numbers within 1e-9, nulls alike)."""
    assert len(mart) and not mart.duplicated(keys).any()
    joined = mart.merge(semantic, on=keys, how="outer", suffixes=("_mart", "_mf"), indicator=True)
    unmatched = joined[joined["_merge"] != "both"]
    assert unmatched.empty, unmatched[keys + ["_merge"]].head(10).to_string()
    for column in columns:
        a = joined[f"{column}_mart"].astype(float).to_numpy()
        b = joined[f"{column}_mf"].astype(float).to_numpy()
        same = np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b))
        assert same.all(), (column, joined.loc[~same, keys + [f"{column}_mart", f"{column}_mf"]].head())


def test_semantic_models_validate_against_the_warehouse(mf):
    # semantics, then every dimension, entity, measure and metric queried in the warehouse
    out = mf("validate-configs").stdout
    assert "ERRORS: 0" in out and "Successfully validated metrics against data warehouse" in out


def test_executive_kpis_equal_the_executive_mart(tiny, mf):
    mart = tiny.sql("select * from marts.rpt_executive_kpis_monthly")
    mart["month_start"] = pd.to_datetime(mart["month_start"]).dt.date
    total = mart[mart["dimension"] == "total"]
    _assert_equal(total, mf.query("executive_kpis_by_month"), ["month_start"], KPIS)

    segment = mart[mart["dimension"] == "segment"].rename(columns={"dimension_value": "account__segment"})
    _assert_equal(segment, mf.query("executive_kpis_by_segment"), ["month_start", "account__segment"], KPIS)

    csm = mart[mart["dimension"] == "csm"].rename(
        columns={"dimension_value": "account__csm_owner_id", "dimension_label": "account__csm_name"})
    _assert_equal(csm, mf.query("executive_kpis_by_csm"),
                  ["month_start", "account__csm_owner_id", "account__csm_name"], KPIS)
    # the comparison has something to compare: months with churn and with at-risk ARR
    assert (total["churned_mrr"] > 0).any() and (total["at_risk_arr"] > 0).any()


def test_customers_and_arr_by_tier_equal_the_tier_mart(tiny, mf):
    mart = tiny.sql("select * from marts.rpt_health_tiers_monthly where dimension = 'total'")
    mart["month_start"] = pd.to_datetime(mart["month_start"]).dt.date
    mart = mart.rename(columns={"health_tier": "account_month__health_tier"})
    _assert_equal(mart, mf.query("portfolio_by_health_tier"), ["month_start", "account_month__health_tier"],
                  ["customers", "arr", "renewing_customers", "renewing_arr"])
    assert mart["account_month__health_tier"].nunique() >= 3


def test_open_alerts_and_overdue_actions_equal_the_signal_marts(tiny, mf):
    alerts = tiny.sql("select severity as alert__severity, count(case when is_open then 1 end) as open_alerts "
                      "from marts.fct_alert_log group by severity")
    _assert_equal(alerts, mf.query("open_alerts_by_severity"), ["alert__severity"], ["open_alerts"])

    actions = tiny.sql("""
        select coalesce(csm_name, 'no CSM') as account__csm_name, count(*) as actions,
            count(case when is_overdue then 1 end) as overdue_actions
        from marts.rpt_csm_action_list group by 1""")
    _assert_equal(actions, mf.query("actions_by_csm"), ["account__csm_name"], ["actions", "overdue_actions"])
    assert actions["overdue_actions"].sum() > 0
