"""The public Fight Churn dataset (data this project did not write), built as `make fightchurn`
builds it: the shipped `fightchurn` weights must predict churn on the evaluation dates.

Skipped when the dataset is not there (../shared/external/fightchurn, or the folder in
FIGHTCHURN_SRC): it is public but not part of the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from conftest import ROOT, Build, run_dbt
from health_harness.load_fightchurn import load

SOURCE = Path(os.environ.get("FIGHTCHURN_SRC", ROOT.parent / "shared" / "external" / "fightchurn"))
AS_OF = "2021-01-01"
BOOK_GROUPS = {
    "ad_views_28d, likes_28d, posts_28d",
    "days_since_new_friend, new_friends_28d, new_friends_per_month",
    "messages_28d, replies_28d",
    "ad_views_per_post_28d", "dislikes_28d", "dislikes_per_like_28d", "likes_per_post_28d",
    "replies_per_message_28d", "tenure_days",
}


@pytest.fixture(scope="module")
def fightchurn(tmp_path_factory) -> Build:
    if not (SOURCE / "subscription.csv").is_file():
        pytest.skip(f"the Fight Churn dataset is not at {SOURCE} (set FIGHTCHURN_SRC)")
    tmp = tmp_path_factory.mktemp("fightchurn")
    load(SOURCE, tmp / "raw", as_of=None)
    build = Build(raw=tmp / "raw", db=tmp / "fightchurn.duckdb", target=tmp / "target", as_of=AS_OF)
    run_dbt(["build"], build.db, build.target, build.raw, AS_OF, extra_vars={"scoring_config_set": "fightchurn"})
    return build


def test_shipped_weights_predict_churn_on_the_evaluation_dates(fightchurn):
    rows = fightchurn.sql("""select health_score, churned_within_horizon, risk_decile
                             from validation.val_backtest_cut_rows
                             where dimension = 'total' and backtest_period = 'evaluation'""")
    metrics = fightchurn.sql("""select metric, metric_value from validation.val_metrics
                                where dimension = 'total' and backtest_period = 'evaluation'""")
    metrics = metrics.set_index("metric").metric_value
    auc = roc_auc_score(rows.churned_within_horizon.astype(int), -rows.health_score)
    lift = rows[rows.risk_decile == 1].churned_within_horizon.mean() / rows.churned_within_horizon.mean()
    print(f"Fight Churn evaluation: {len(rows)} observations, AUC {auc:.4f}, lift {lift:.3f}")
    assert metrics["auc"] == pytest.approx(auc, abs=1e-9)
    assert metrics["top_decile_lift"] == pytest.approx(lift, abs=1e-9)
    assert auc >= 0.70 and lift >= 3.5
    # a monthly product: a 30-day horizon, first renewals in, the last month ends observed
    horizons = fightchurn.sql("select distinct horizon_days from validation.val_backtest_observations")
    assert horizons.horizon_days.tolist() == [30]
    dates = fightchurn.sql("""select min(observation_date) as first, max(observation_date) as last
                              from validation.val_backtest_observations where is_included""").iloc[0]
    assert (pd.Timestamp(dates["first"]), pd.Timestamp(dates["last"])) == (pd.Timestamp("2020-01-31"),
                                                                           pd.Timestamp("2020-11-30"))


def test_the_review_finds_the_book_groups_and_a_fitted_set_beside_them(fightchurn):
    groups = set(fightchurn.sql("select distinct group_members from validation.val_metric_groups").group_members)
    assert groups == BOOK_GROUPS
    review = fightchurn.sql("""select * from validation.val_weight_review
                               where backtest_period = 'evaluation'""").set_index("weight_set")
    assert review.auc["groups"] == pytest.approx(review.auc["current"], abs=2e-3)  # the shipped set is groups
    assert review.auc["proposed"] > 0.70
