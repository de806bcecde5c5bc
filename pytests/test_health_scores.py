"""The daily health score: recomputed independently in pandas and checked against truth
(daily incremental runs against a full build: test_incremental)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, TINY

SEEDS = ROOT / "seeds" / "scoring"


@pytest.fixture(scope="module")
def scores(tiny):
    return tiny.sql("select * from intermediate.int_submetric_scores_daily")


def _method_score(row) -> float:
    v = row.raw_value
    if pd.isna(v):
        return np.nan
    clamp = lambda x: np.nan if pd.isna(x) else min(100.0, max(0.0, x))  # noqa: E731
    if row.method == "linear_to_target":
        return clamp(100 * v / row.target)
    if row.method == "inverse":
        return clamp(100 * (row.range_max - v) / (row.range_max - row.range_min))
    if row.method == "range_rescale":
        return clamp(100 * (v - row.range_min) / (row.range_max - row.range_min))
    if row.method == "trend_adjusted":
        base = clamp(100 * v / row.target)
        trend = row.trend_value if pd.notna(row.trend_value) else 0.0
        return clamp(base * (1 + trend * row.trend_factor))
    raise AssertionError(row.method)


def test_submetric_scores_match_pandas(scores):
    bands = pd.read_csv(SEEDS / "scoring_bands.csv")
    plain = scores[scores.method != "threshold_bands"]
    expected = plain.apply(_method_score, axis=1)
    np.testing.assert_allclose(plain.submetric_score.astype(float), expected.astype(float), atol=1e-9)
    banded = scores[scores.method == "threshold_bands"]
    for row in banded.sample(min(len(banded), 2000), random_state=1).itertuples():
        b = bands[(bands.submetric == row.submetric)]
        hit = b[(b.lower_bound <= row.raw_value) & (b.upper_bound.isna() | (row.raw_value < b.upper_bound))]
        want = hit.points.iloc[0] if len(hit) and pd.notna(row.raw_value) else np.nan
        assert (np.isnan(want) and pd.isna(row.submetric_score)) or row.submetric_score == want


def test_composite_matches_pandas_to_1e_9(tiny, scores):
    s = scores.assign(present=scores.submetric_score.notna())
    s["ws"] = s.submetric_score.fillna(0) * s.submetric_weight
    s["wp"] = s.submetric_weight.where(s.present, 0)
    comp = s.groupby(["account_id", "date_day", "component"]).agg(
        ws=("ws", "sum"), wp=("wp", "sum"), w=("submetric_weight", "sum"), cw=("component_weight", "max"))
    comp["score"] = (comp.ws / comp.wp).where(comp.wp > 0)
    comp["cov"] = comp.wp / comp.w
    comp = comp.reset_index()
    comp["cws"] = comp.score.fillna(0) * comp.cw
    comp["cwp"] = comp.cw.where(comp.score.notna(), 0)
    comp["cwc"] = comp.cw * comp["cov"]
    total = comp.groupby(["account_id", "date_day"]).agg(cws=("cws", "sum"), cwp=("cwp", "sum"),
                                                          cwc=("cwc", "sum"), cw=("cw", "sum"))
    total["health"] = (total.cws / total.cwp).where(total.cwp > 0)
    total["coverage"] = total.cwc / total.cw
    got = tiny.sql("select * from marts.fct_health_scores_daily").set_index(["account_id", "date_day"])
    total.index = total.index.set_levels(pd.to_datetime(total.index.levels[1]), level=1)
    got.index = got.index.set_levels(pd.to_datetime(got.index.levels[1]), level=1)
    joined = got.join(total.rename(columns={"coverage": "coverage_pd"}), how="outer")
    assert len(joined) == len(got) == len(total)
    np.testing.assert_allclose(joined.health_score, joined.health, atol=1e-9)
    np.testing.assert_allclose(joined.coverage, joined.coverage_pd, atol=1e-9)
    usage = comp[comp.component == "usage"].set_index(["account_id", "date_day"]).score
    usage.index = usage.index.set_levels(pd.to_datetime(usage.index.levels[1]), level=1)
    np.testing.assert_allclose(got.usage_score.sort_index(), usage.sort_index(), atol=1e-9)


def test_tiers_colours_and_version(tiny):
    h = tiny.sql("""select h.*, v.score_version as current_version
                    from marts.fct_health_scores_daily h
                    cross join intermediate.int_score_versions v where v.config_set = 'account_daily'""")
    tiers = pd.read_csv(SEEDS / "health_tiers.csv")
    for row in tiers.itertuples():
        inside = (h.health_score >= row.min_score) & (h.health_score < (row.max_score if pd.notna(row.max_score) else 1e9))
        assert (h.health_tier[inside] == row.tier).all()
    assert set(h.health_colour.dropna()) <= {"green", "yellow", "red"}
    assert (h.score_version == h.current_version).all() and h.score_version.str.match(r"v-[0-9a-f]{12}").all()


def test_accounts_about_to_churn_score_lower(tiny):
    h = tiny.sql("select account_id, date_day, health_score from marts.fct_health_scores_daily")
    truth = tiny.truth("accounts")[["account_id", "churn_date"]]
    h = h.merge(truth, on="account_id")
    days = (pd.to_datetime(h.churn_date) - pd.to_datetime(h.date_day)).dt.days
    churning = h.health_score[days.between(1, 90)].mean()
    staying = h.health_score[~days.between(1, 90)].mean()
    print(f"mean health: churn within 90 days {churning:.1f}, others {staying:.1f}")
    assert churning < staying - 5


def test_velocity_and_change_match_the_history(tiny):
    """7-day change and 30-day velocity compare with the score 7 and 30 calendar days earlier."""
    cur = tiny.sql("select * from marts.rpt_account_health").set_index("account_id")
    hist = tiny.sql("select account_id, date_day, health_score from marts.fct_health_scores_daily")
    hist["date_day"] = pd.to_datetime(hist.date_day)
    end_day = pd.Timestamp(TINY.end)
    by_day = hist.set_index(["account_id", "date_day"]).health_score
    end = hist[hist.date_day == end_day].set_index("account_id")
    end["ago30"] = [by_day.get((a, end_day - pd.Timedelta(days=30)), np.nan) for a in end.index]
    end["ago7"] = [by_day.get((a, end_day - pd.Timedelta(days=7)), np.nan) for a in end.index]
    assert set(cur.index) == set(end.index) and len(cur) > 50
    assert end.ago30.notna().sum() > 50
    np.testing.assert_allclose(cur.loc[end.index, "velocity_points_per_day"],
                               (end.health_score - end.ago30) / 30, atol=1e-9)
    np.testing.assert_allclose(cur.loc[end.index, "health_change_7d"], end.health_score - end.ago7, atol=1e-9)
    bands = pd.read_csv(SEEDS / "velocity_bands.csv")
    for row in cur.dropna(subset=["velocity_points_per_day"]).itertuples():
        lo = bands.min_points_per_day.fillna(-np.inf)
        hi = bands.max_points_per_day.fillna(np.inf)
        want = bands.velocity_band[(lo <= row.velocity_points_per_day) & (row.velocity_points_per_day < hi)]
        assert row.velocity_band == want.iloc[0]


def test_onboarding_accounts_are_not_penalised_for_missing_history(tiny):
    rows = tiny.sql("""
        select s.submetric, s.raw_value, s.submetric_score, h.is_onboarding,
               datediff('day', min(s.date_day) over (partition by s.account_id), s.date_day) as age
        from intermediate.int_submetric_scores_daily as s
        inner join marts.fct_health_scores_daily as h using (account_id, date_day)
        where s.submetric in ('seat_trend_90d', 'expansion_12m', 'usage_trend_30d')""")
    onboarding = rows[rows.is_onboarding]
    assert len(onboarding) > 1000 and (onboarding.age < 90).all()
    # expansion has min_lifetime_days 90 in the catalogue: no verdict during onboarding
    assert onboarding[onboarding.submetric == "expansion_12m"].raw_value.isna().all()
    assert onboarding[(onboarding.submetric == "seat_trend_90d")].raw_value.isna().all()
    # a change needs both windows full: 30 days of events and the 30 before them
    young = rows[(rows.submetric == "usage_trend_30d") & (rows.age < 59)]
    assert len(young) > 100 and young.raw_value.isna().all()
    assert rows[(rows.submetric == "usage_trend_30d") & (rows.age >= 59)].raw_value.notna().any()
    settled = rows[~rows.is_onboarding & (rows.submetric == "expansion_12m")]
    assert settled.raw_value.notna().all() and (settled.raw_value == 0).any()
