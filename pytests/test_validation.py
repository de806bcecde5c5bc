"""Validation models recomputed independently (scikit-learn, pandas) from the backtest
set, the point-in-time (no leakage) property of that set, and the SPEC.md targets on the
generator's demo data."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from conftest import SEED, Build, run_dbt
from health_fixtures.generate import generate
from health_fixtures.profiles import SIZES

CUTS = ["total", "segment", "observation_month"]
FEATURES = ["segment", "mrr_at_observation", "health_score", "usage_score", "engagement_score",
            "growth_score", "support_score", "financial_score", "coverage", "health_tier",
            "health_colour", "is_onboarding", "score_version"]


def _cut_frames(obs: pd.DataFrame):
    """(dimension, dimension_value, rows) for every validation cut, as the SQL cuts them."""
    for dimension in CUTS:
        if dimension == "total":
            yield dimension, "all", obs
            continue
        key = obs.segment if dimension == "segment" else obs.observation_date.astype(str)
        for value, rows in obs.groupby(key):
            yield dimension, value, rows


@pytest.fixture(scope="module")
def backtest(tiny) -> pd.DataFrame:
    obs = tiny.sql("select * from validation.val_backtest_observations where is_included")
    obs["churned"] = obs.churned_within_horizon.astype(int)
    return obs


@pytest.fixture(scope="module")
def settings(tiny) -> pd.Series:
    return tiny.sql("select * from validation_config.validation_settings").iloc[0]


def _metrics(tiny, dimension, value) -> dict[str, float]:
    rows = tiny.sql(f"""select metric, metric_value from validation.val_metrics
                        where dimension = '{dimension}' and dimension_value = '{value}'""")
    return dict(zip(rows.metric, rows.metric_value))


def test_backtest_set_counts_reconcile(tiny):
    coverage = tiny.sql("select * from validation.val_backtest_coverage order by observation_date")
    assert len(coverage) >= 4 and (coverage.backtest_period == "unobserved").any()
    assert (coverage.paying_accounts == coverage.excluded_unobserved + coverage.excluded_unscored
            + coverage.included_accounts).all()
    dates = tiny.sql("select * from validation.val_backtest_dates")
    assert (pd.to_datetime(dates.horizon_end_date) - pd.to_datetime(dates.observation_date)
            == pd.Timedelta(days=90)).all()
    assert set(dates.backtest_period) == {"fit", "evaluation", "unobserved"}
    # every account paying at month end is in the set: days spine with MRR > 0
    paying = tiny.sql("""select d.date_day as observation_date, count(*) as n
                         from intermediate.int_account_days_spined d
                         inner join validation.val_backtest_dates b on d.date_day = b.observation_date
                         where d.mrr > 0 group by 1 order by 1""")
    assert paying.n.tolist() == coverage.paying_accounts.tolist()


def test_churn_outcome_equals_truth(tiny, backtest):
    """Churned within 90 days of T = the generator's churn (or, after a reactivation,
    final churn) falls in (T, T + 90]; next_churn_date is the first of them after T."""
    truth = tiny.truth("accounts")[["account_id", "churn_date", "final_churn_date"]]
    obs = backtest.merge(truth, on="account_id", how="left")
    t = pd.to_datetime(obs.observation_date)
    churns = pd.concat([pd.to_datetime(obs.churn_date).where(pd.to_datetime(obs.churn_date) > t),
                        pd.to_datetime(obs.final_churn_date).where(pd.to_datetime(obs.final_churn_date) > t)],
                       axis=1).min(axis=1)
    expected = churns.notna() & (churns <= t + pd.Timedelta(days=90))
    assert (obs.churned_within_horizon == expected).all()
    assert (pd.to_datetime(obs.next_churn_date).dropna() == churns[obs.next_churn_date.notna()]).all()
    assert obs.churned.sum() > 20


def test_auc_matches_sklearn(tiny, backtest):
    for dimension, value, rows in _cut_frames(backtest):
        sql = _metrics(tiny, dimension, value)["auc"]
        if rows.churned.nunique() < 2:
            assert np.isnan(sql) or sql is None
            continue
        assert sql == pytest.approx(roc_auc_score(rows.churned, -rows.health_score), abs=1e-9), (dimension, value)


def test_decile_lift_matches_pandas(tiny, backtest, settings):
    lift = tiny.sql("select * from validation.val_lift_by_decile")
    n_deciles = int(settings.decile_count)
    for dimension, value, rows in _cut_frames(backtest):
        rows = rows.sort_values(["health_score", "account_id", "observation_date"]).reset_index(drop=True)
        rows["decile"] = np.floor(np.arange(len(rows)) * n_deciles / len(rows)).astype(int) + 1
        expected = rows.groupby("decile").agg(observations=("churned", "size"), churners=("churned", "sum"))
        expected["lift"] = (expected.churners / expected.observations) / rows.churned.mean()
        got = lift[(lift.dimension == dimension) & (lift.dimension_value == value)].set_index("risk_decile").sort_index()
        assert got.observations.tolist() == expected.observations.tolist(), (dimension, value)
        assert got.churners.tolist() == expected.churners.tolist(), (dimension, value)
        if rows.churned.sum():
            np.testing.assert_allclose(got.lift, expected.lift, rtol=1e-12)
        top = _metrics(tiny, dimension, value)["top_decile_lift"]
        if rows.churned.sum():
            assert top == pytest.approx(expected.lift.loc[1], rel=1e-12)


def test_platt_fit_matches_sklearn(tiny, backtest):
    fit = tiny.sql("select * from validation.val_calibration_fit").iloc[0]
    train = backtest[backtest.backtest_period == "fit"]
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000)
    model.fit(train[["health_score"]], train.churned)
    assert fit.fit_observations == len(train) and fit.fit_churners == train.churned.sum()
    assert fit.slope == pytest.approx(model.coef_[0][0], rel=1e-5)
    assert fit.intercept == pytest.approx(model.intercept_[0], rel=1e-5)
    assert fit.slope < 0  # a lower score means more churn
    assert fit.last_step_size < 1e-9


def test_calibration_bins_and_brier_match_pandas(tiny, backtest, settings):
    fit = tiny.sql("select * from validation.val_calibration_fit").iloc[0]
    calibration = tiny.sql("select * from validation.val_calibration_by_band")
    width = settings.score_band_width
    evaluation = backtest[backtest.backtest_period == "evaluation"].copy()
    assert len(evaluation) > 100
    evaluation["p"] = 1 / (1 + np.exp(-(fit.intercept + fit.slope * evaluation.health_score)))
    evaluation["band"] = np.minimum(np.floor(evaluation.health_score / width), np.ceil(100 / width) - 1) * width
    for dimension, value, rows in _cut_frames(evaluation):
        bins = rows.groupby("band").agg(observations=("churned", "size"), churners=("churned", "sum"),
                                        predicted=("p", "mean"), actual=("churned", "mean"))
        got = calibration[(calibration.dimension == dimension)
                          & (calibration.dimension_value == value)].set_index("score_band_lower").sort_index()
        assert got.index.tolist() == bins.index.tolist()
        assert got.observations.tolist() == bins.observations.tolist()
        np.testing.assert_allclose(got.predicted_churn_rate, bins.predicted, rtol=1e-9)
        np.testing.assert_allclose(got.actual_churn_rate, bins.actual, rtol=1e-12)
        metrics = _metrics(tiny, dimension, value)
        brier = ((rows.p - rows.churned) ** 2).mean()
        assert metrics["brier_score"] == pytest.approx(brier, rel=1e-9)
        mace = (bins.observations * (bins.actual - bins.predicted).abs()).sum() / bins.observations.sum()
        assert metrics["calibration_error"] == pytest.approx(mace, rel=1e-9)


def test_threshold_metrics_match_pandas(tiny, backtest, settings):
    at_risk = tiny.sql("select at_risk_below_score from kpi_config.kpi_settings").iloc[0, 0]
    targets = tiny.sql("select * from validation_config.validation_targets").set_index("metric")
    rows = backtest
    flagged = rows.health_score < at_risk
    churned = rows.churned == 1
    expected = {
        "churn_rate": churned.mean(),
        "precision_at_risk": (flagged & churned).sum() / flagged.sum(),
        "churn_prediction_accuracy": (flagged & churned).sum() / churned.sum(),
        "false_positive_rate": (flagged & ~churned).sum() / flagged.sum(),
        "surprise_churn_rate": ((rows.health_score > settings.surprise_above_score) & churned).sum() / churned.sum(),
        "pearson_correlation": np.corrcoef(rows.health_score, rows.churned)[0, 1],
    }
    p, r = expected["precision_at_risk"], expected["churn_prediction_accuracy"]
    expected["f1_at_risk"] = 2 * p * r / (p + r)
    got = tiny.sql("""select * from validation.val_metrics
                      where dimension = 'total'""").set_index("metric")
    for metric, value in expected.items():
        assert got.metric_value[metric] == pytest.approx(value, rel=1e-9), metric
    for metric, target in targets.iterrows():
        value = got.metric_value[metric]
        passes = value > target.target if target.comparison == "above" else value < target.target
        assert got.meets_target[metric] == passes, metric
        assert got.target[metric] == target.target


def test_submetric_signal_matches_sklearn(tiny):
    rows = tiny.sql("select * from validation.val_backtest_submetric_rows where is_included")
    got = tiny.sql("select * from validation.val_submetric_signal").set_index("submetric")
    lags = tiny.sql("select * from validation.val_submetric_lag_correlations")
    for submetric, group in rows.groupby("submetric"):
        y = group.churned_within_horizon.astype(int)
        if y.nunique() == 2:
            assert got.auc[submetric] == pytest.approx(roc_auc_score(y, -group.submetric_score), abs=1e-9)
        for lag in (30, 60, 90):
            churn = (group.days_to_churn <= lag).fillna(False).astype(float)
            value = lags[(lags.submetric == submetric) & (lags.lag_days == lag)].churn_correlation.iloc[0]
            if churn.std() == 0 or group.submetric_score.std() == 0:
                assert value is None or np.isnan(value), (submetric, lag)
            else:
                expected = np.corrcoef(group.submetric_score, churn)[0, 1]
                assert value == pytest.approx(expected, rel=1e-9, abs=1e-12), (submetric, lag)


def _rewrite_after(raw, table: str, column: str, cutoff: pd.Timestamp, change) -> int:
    """Apply `change` to the rows of a raw table dated after the cutoff day; rows changed."""
    path = raw / f"{table}.parquet"
    frame = pd.read_parquet(path)
    stamp = pd.to_datetime(frame[column])
    if getattr(stamp.dt, "tz", None) is not None:
        stamp = stamp.dt.tz_localize(None)
    after = stamp >= cutoff + pd.Timedelta(days=1)
    frame = change(frame, after)
    frame.to_parquet(path, index=False)
    return int(after.sum())


def test_rows_dated_after_an_observation_date_do_not_change_its_backtest_rows(tiny, tmp_path):
    """Leakage: rewrite every raw row dated after T (events, tickets, ratings, NPS
    answers, payments, invoices, CSM activities, new contract lines, new contacts); the
    backtest rows of T and earlier keep every score-side value, and the risk signals of
    every day up to T (what val_signal_quality reads) are unchanged."""
    dates = tiny.sql("select observation_date from validation.val_backtest_dates order by 1")
    cutoff = pd.Timestamp(dates.observation_date.iloc[1])
    raw = tmp_path / "raw"
    shutil.copytree(tiny.raw, raw)

    def drop(frame, after):
        return frame[~after]

    def setting(**values):
        def change(frame, after):
            frame = frame.copy()
            for column, value in values.items():
                frame.loc[after, column] = value
            return frame
        return change

    def triple_mrr(frame, after):
        frame = frame.copy()
        frame.loc[after, "mrr"] = frame.loc[after, "mrr"] * 3
        return frame

    changed = {
        "product/tracks": _rewrite_after(raw, "product/tracks", "event_timestamp", cutoff, drop),
        "support/tickets": _rewrite_after(raw, "support/tickets", "created_at", cutoff,
                                          setting(sentiment_score=-1.0, is_escalated=True)),
        "support/satisfaction_ratings": _rewrite_after(raw, "support/satisfaction_ratings", "created_at",
                                                       cutoff, setting(score=1)),
        "surveys/nps_responses": _rewrite_after(raw, "surveys/nps_responses", "responded_at", cutoff,
                                                setting(score=0)),
        "billing/payments": _rewrite_after(raw, "billing/payments", "attempted_at", cutoff,
                                           setting(status="failed")),
        "billing/invoices": _rewrite_after(raw, "billing/invoices", "issued_at", cutoff,
                                           setting(status="open", paid_at=None)),
        "crm/activities": _rewrite_after(raw, "crm/activities", "scheduled_at", cutoff,
                                         setting(activity_status="cancelled", completed_at=None)),
        "billing/subscription_lines": _rewrite_after(raw, "billing/subscription_lines", "started_on",
                                                     cutoff, triple_mrr),
        "crm/contacts": _rewrite_after(raw, "crm/contacts", "started_on", cutoff, drop),
    }
    assert all(n > 0 for n in changed.values()), changed

    changed_build = Build(raw=raw, db=tmp_path / "changed.duckdb", target=tmp_path / "target", as_of=tiny.as_of)
    run_dbt(["build", "--select", "+val_backtest_observations", "+val_backtest_submetric_rows",
             "+fct_account_signals_daily", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"],
            changed_build.db, changed_build.target, raw, tiny.as_of)

    query = "select * from {} order by observation_date, account_id{}"
    before = tiny.sql(query.format("validation.val_backtest_observations", ""))
    after = changed_build.sql(query.format("validation.val_backtest_observations", ""))
    up_to = pd.to_datetime(before.observation_date) <= cutoff
    up_to_after = pd.to_datetime(after.observation_date) <= cutoff
    b, a = before[up_to].reset_index(drop=True), after[up_to_after].reset_index(drop=True)
    assert b.account_id.tolist() == a.account_id.tolist()
    pd.testing.assert_frame_equal(b[FEATURES], a[FEATURES], check_exact=False, rtol=1e-12)

    sub_before = tiny.sql(query.format("validation.val_backtest_submetric_rows", ", submetric"))
    sub_after = changed_build.sql(query.format("validation.val_backtest_submetric_rows", ", submetric"))
    sb = sub_before[pd.to_datetime(sub_before.observation_date) <= cutoff].reset_index(drop=True)
    sa = sub_after[pd.to_datetime(sub_after.observation_date) <= cutoff].reset_index(drop=True)
    pd.testing.assert_frame_equal(sb[["account_id", "submetric", "raw_value", "submetric_score"]],
                                  sa[["account_id", "submetric", "raw_value", "submetric_score"]],
                                  check_exact=False, rtol=1e-12)

    signals = """select account_id, date_day, signal, severity, metric_value, evidence
                 from marts.fct_account_signals_daily where date_day <= '{:%Y-%m-%d}'
                 order by account_id, date_day, signal"""
    pd.testing.assert_frame_equal(tiny.sql(signals.format(cutoff)), changed_build.sql(signals.format(cutoff)),
                                  check_exact=False, rtol=1e-12)

    # the rewrite did reach later dates: the test can fail
    later_b = before[~up_to].set_index(["observation_date", "account_id"]).health_score
    later_a = after[~up_to_after].set_index(["observation_date", "account_id"]).health_score
    joined = pd.concat([later_b, later_a], axis=1, keys=["b", "a"]).dropna()
    assert (joined.b - joined.a).abs().max() > 1


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Build:
    """The demo-size fixtures (2,000 accounts, 18 months) built once: the targets are
    statistical and need more than the tiny size."""
    tmp = tmp_path_factory.mktemp("demo")
    size = SIZES["demo"]
    raw = tmp / "raw"
    generate(size.accounts, size.start, size.end, SEED, raw, "parquet", progress=lambda _: None)
    build = Build(raw=raw, db=tmp / "warehouse.duckdb", target=tmp / "target", as_of=size.end)
    run_dbt(["build"], build.db, build.target, raw, size.end)
    return build


def test_score_meets_spec_targets_on_demo_fixtures(demo):
    """SPEC.md 5 with the default weights: AUC > 0.75 and top-decile lift > 3x over the
    whole backtest set of the demo fixtures."""
    metrics = demo.sql("""select metric, metric_value, meets_target from validation.val_metrics
                          where dimension = 'total'""").set_index("metric")
    obs = demo.sql("select health_score, churned_within_horizon from validation.val_backtest_observations where is_included")
    auc = roc_auc_score(obs.churned_within_horizon.astype(int), -obs.health_score)
    assert metrics.metric_value["auc"] == pytest.approx(auc, abs=1e-9)
    assert auc > 0.75, f"AUC {auc:.4f}"
    assert metrics.metric_value["top_decile_lift"] > 3
    assert metrics.meets_target["auc"] and metrics.meets_target["top_decile_lift"]


def test_weight_review_measures_match_sklearn(tiny):
    scores = tiny.sql("select * from validation.val_weight_set_scores")
    review = tiny.sql("select * from validation.val_weight_review").set_index(["weight_set", "backtest_period"])
    assert {"current", "proposed", "usage_led"} <= set(scores.weight_set)
    current = scores[scores.weight_set == "current"].merge(
        tiny.sql("select observation_date, account_id, health_score from validation.val_backtest_observations"),
        on=["observation_date", "account_id"], suffixes=("", "_observed"))
    assert (current.health_score == current.health_score_observed).all()
    for (weight_set, period), rows in scores.groupby(["weight_set", "backtest_period"]):
        y = rows.churned_within_horizon.astype(int)
        assert review.auc[(weight_set, period)] == pytest.approx(roc_auc_score(y, -rows.health_score), abs=1e-9)
        assert review.observations[(weight_set, period)] == len(rows)
    proposed = tiny.sql("select * from validation.val_proposed_weights")
    assert proposed.component.tolist() == ["usage", "engagement", "growth", "support", "financial"]
    assert (proposed.weight >= 0).all() and proposed.weight.sum() == pytest.approx(1, abs=1e-12)
    assert review.usage_weight[("proposed", "fit")] == proposed.weight[0]


def test_dropping_a_candidate_csv_puts_it_in_the_review(tiny, tmp_path):
    """A candidate with the standard weights rescores exactly as the project does; a bad
    candidate file is kept aside with its rule and the counts reconcile."""
    folder = tmp_path / "candidates"
    folder.mkdir()
    standard = tiny.sql("""select 'standard_copy' as weight_set, component, weight, '' as note
                           from scoring_config.scoring_weight_sets where weight_set = 'standard'""")
    standard.to_csv(folder / "standard_copy.csv", index=False)
    (folder / "bad.csv").write_text("weight_set,component,weight,note\n"
                                    "too_light,usage,0.5,\ntoo_light,support,0.4,\n"
                                    "odd,usage,0.6,\nodd,mood,0.4,\n"
                                    "proposed,usage,1,\n")
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny.db, db)
    build = Build(raw=tiny.raw, db=db, target=tmp_path / "target", as_of=tiny.as_of)
    run_dbt(["build", "--select", "base_weight_candidates__weight_sets+"], db, build.target, tiny.raw,
            tiny.as_of, extra_vars={"weight_candidates_path": str(folder)})
    scores = build.sql("""select c.health_score as current_score, s.health_score as copy_score
                          from validation.val_weight_set_scores c
                          join validation.val_weight_set_scores s using (observation_date, account_id)
                          where c.weight_set = 'current' and s.weight_set = 'standard_copy'""")
    assert len(scores) > 100
    np.testing.assert_allclose(scores.copy_score, scores.current_score, rtol=1e-12)
    assert set(build.sql("select weight_set from validation.val_weight_review").weight_set) == \
        {"current", "proposed", "standard_copy"}
    rules = build.sql("""select record_key, quarantine_rule from marts.fct_quarantined_rows
                         where source_table = 'weight_candidates.weight_sets' order by 1""")
    assert dict(zip(rules.record_key, rules.quarantine_rule)) == {
        "too_light/usage": "weights_do_not_sum_to_one", "too_light/support": "weights_do_not_sum_to_one",
        "odd/usage": "weight_set_has_bad_rows", "odd/mood": "unknown_component",
        "proposed/usage": "reserved_weight_set_name"}
    reconciled = build.sql("""select * from marts.rpt_raw_row_reconciliation
                              where source_table = 'weight_candidates.weight_sets'""").iloc[0]
    assert reconciled.raw_rows == len(standard) + 5 and reconciled.is_reconciled


def test_report_renders_images_html_and_proposed_weights(tiny, tmp_path):
    from health_harness.validation_report import main

    assert main(["--db", str(tiny.db), "--out", str(tmp_path)]) == 0
    for image in ("lift.png", "calibration.png", "score_distribution.png"):
        data = (tmp_path / image).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000, image
    page = (tmp_path / "index.html").read_text()
    auc = tiny.sql("select metric_value from validation.val_metrics where dimension = 'total' and metric = 'auc'")
    assert f"{auc.iloc[0, 0]:.3f}" in page and "lift.png" in page and "usage_led" in page
    assert "<h2>Risk signals</h2>" in page and "usage_decline_25" in page
    written = pd.read_csv(tmp_path / "proposed_weights.csv")
    assert list(written.columns) == ["weight_set", "component", "weight", "note"]
    assert written.weight.tolist() == tiny.sql("select weight from validation.val_proposed_weights").weight.tolist()
    assert main(["--db", str(tiny.db), "--out", str(tmp_path / "seg"), "--dimension", "segment",
                 "--value", "smb"]) == 0
