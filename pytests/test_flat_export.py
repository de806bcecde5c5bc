"""The one-file export of source document 003 scored through the same macros and seeds:
hand-computed scores for the document's four rows, an independent pandas recomputation
from the seeds, and a dirty export whose bad rows are kept aside with their rule."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

SEEDS = ROOT / "seeds" / "scoring"
EXAMPLE = ROOT / "examples" / "flat_export_003.csv"


@pytest.fixture(scope="module")
def example(tiny):
    """The default var flat_export_file is the example, so the session build scored it."""
    return tiny.sql("select * from marts.rpt_flat_export_scores").set_index("account_id")


def test_document_003_rows_by_hand(example):
    # usage 0.6 = logins/30 (0.4) + features/8 (0.3) + (30 - days)/30 (0.3); NPS -100..100
    # rescaled (0.2); open tickets inverse over 0..6 (0.2).
    # ACME: usage 0.4*100 + 0.3*100 + 0.3*93.33 = 98; NPS 9 -> 54.5; 1 ticket -> 83.33
    want = {"ACME-Corp": 0.6 * 98 + 0.2 * 54.5 + 0.2 * (100 * 5 / 6),
            "Gamma-Ltd": 0.6 * (0.4 * 100 * 28 / 30 + 0.3 * 62.5 + 0.3 * 100 * 25 / 30) + 0.2 * 53.5 + 0.2 * 100,
            "Beta-Inc": 0.6 * (0.4 * 10 + 0.3 * 25 + 0.3 * 40) + 0.2 * 49.5 + 0.2 * (100 * 2 / 6),
            "Delta-Co": 0.6 * (0.3 * 12.5) + 0.2 * 48.5}
    for account, score in want.items():
        assert example.health_score[account] == pytest.approx(score, abs=1e-9), account
    assert example.health_score.round(1).to_dict() == {
        "ACME-Corp": 86.4, "Beta-Inc": 30.7, "Gamma-Ltd": 79.4, "Delta-Co": 12.0}
    assert example.health_tier.to_dict() == {
        "ACME-Corp": "thriving", "Beta-Inc": "at_risk", "Gamma-Ltd": "healthy", "Delta-Co": "critical"}
    # the document's own colours: ACME green, Gamma yellow, Beta and Delta red
    assert example.health_colour.to_dict() == {
        "ACME-Corp": "green", "Beta-Inc": "red", "Gamma-Ltd": "yellow", "Delta-Co": "red"}
    assert example.risk_drivers["Beta-Inc"] == "3 logins in 30 days; 2 features used; 4 open tickets"
    assert example.risk_drivers["Delta-Co"] == "0 logins in 30 days; 6 open tickets; last login 35 days ago"
    assert pd.isna(example.strengths["Delta-Co"])
    assert (example.coverage == 1).all() and example.growth_score.isna().all()
    assert example.score_version.str.match(r"v-[0-9a-f]{12}").all()


def _pandas_scores(export: pd.DataFrame) -> pd.Series:
    """Recompute from the seed CSVs (linear_to_target, inverse, range_rescale only: what the
    flat_export rows use), re-spreading the weight of empty cells."""
    cat = pd.read_csv(SEEDS / "scoring_submetrics.csv")
    cat = cat[(cat.config_set == "flat_export") & cat.is_enabled]
    columns = pd.read_csv(ROOT / "seeds" / "metrics" / "metric_catalogue.csv").set_index("metric").value_column
    cat = cat.assign(column=cat.submetric.map(columns))
    assert set(cat.method) <= {"linear_to_target", "inverse", "range_rescale"}, "extend the recomputation"
    weights = pd.read_csv(SEEDS / "scoring_weight_sets.csv")
    comp_w = weights[weights.weight_set == "flat_export"].set_index("component").weight
    out = {}
    for row in export.itertuples():
        comps: dict[str, list[tuple[float, float]]] = {}
        for c in cat.itertuples():
            v = getattr(row, c.column)
            if pd.isna(v):
                continue
            if c.method == "linear_to_target":
                s = 100 * v / c.target
            elif c.method == "inverse":
                s = 100 * (c.range_max - v) / (c.range_max - c.range_min)
            else:
                s = 100 * (v - c.range_min) / (c.range_max - c.range_min)
            comps.setdefault(c.component, []).append((min(100, max(0, s)), c.weight))
        scores = {k: sum(s * w for s, w in v) / sum(w for _, w in v) for k, v in comps.items()}
        out[row.account_id] = sum(scores[k] * comp_w[k] for k in scores) / sum(comp_w[k] for k in scores)
    return pd.Series(out)


def test_pandas_recomputation_of_the_example(example):
    want = _pandas_scores(pd.read_csv(EXAMPLE))
    np.testing.assert_allclose(example.health_score.loc[want.index], want, atol=1e-9)


def test_cli_scores_a_dirty_export_and_keeps_bad_rows_aside(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "account_id,mrr,logins_30d,features_used,open_tickets,nps_score,days_since_last_login\n"
        "Good,1000,20,4,1,30,3\n"
        "NoNps,500,10,4,0,,7\n"
        "Twice,100,1,1,0,5,3\n"
        "Twice,100,2,1,0,5,3\n"
        ",100,1,1,0,5,3\n"
        "Minus,100,-2,1,0,5,3\n"
        "Text,abc,1,1,1,10,1\n"
        "Loud,100,1,1,1,101,1\n")
    db = tmp_path / "fe.duckdb"
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "health-score-export"), str(export), "--db", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "8 rows read, 2 scored, 6 kept aside" in proc.stdout
    for line in ["duplicate_account_id: 2 row(s)", "missing_account_id: 1 row(s)", "negative_count: 1 row(s) (Minus)",
                 "unreadable_number: 1 row(s) (Text)", "nps_score_out_of_range: 1 row(s) (Loud)"]:
        assert line in proc.stdout, proc.stdout
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        got = con.sql("select * from marts.rpt_flat_export_scores").df().set_index("account_id")
    want = _pandas_scores(pd.read_csv(export).iloc[:2])
    np.testing.assert_allclose(got.health_score.loc[want.index], want, atol=1e-9)
    assert got.coverage["NoNps"] == pytest.approx(0.8) and got.engagement_score.isna()["NoNps"]


def test_cli_names_a_missing_file(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "health_harness.score_export", str(tmp_path / "nope.csv")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "no such file" in proc.stderr
