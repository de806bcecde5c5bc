"""How a score is made and explained: each sub-metric's effective weight and points,
the drivers in words and the biggest movers over 30 days, recomputed in pandas from
the sub-metric scores and the seeds."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, TINY

SEEDS = ROOT / "seeds" / "scoring"
SETTINGS = pd.read_csv(SEEDS / "driver_settings.csv").iloc[0]


def _half_up(x: float, places: int = 0) -> float:
    """Rounding as SQL round(): halves away from zero."""
    m = 10 ** places
    return math.copysign(math.floor(abs(x) * m + 0.5), x) / m


def _words(template: str, fmt: str, v: float) -> str | None:
    if pd.isna(v):
        return None
    if fmt == "flag":
        return template.split("|")[0 if v >= 0.5 else 1]
    pct = int(_half_up(100 * v))
    value = {"decimal": f"{_half_up(v, 1) + 0.0:.1f}", "percent": f"{pct}%",
             "signed_percent": f"{'+' if pct > 0 else ''}{pct}%"}.get(fmt, str(int(_half_up(v))))
    nps_class = "promoter" if v >= 9 else "passive" if v >= 7 else "detractor"
    return template.replace("{value}", value).replace("{nps_class}", nps_class)


def _text(value) -> str | None:
    return None if pd.isna(value) else value


def _points(scores: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Effective weight: weight among the present sub-metrics of the component, times the
    component weight among the components that have data."""
    s = scores.copy()
    present = s.submetric_score.notna()
    s["w_present"] = s.submetric_weight.where(present)
    s["in_comp"] = s.w_present / s.groupby(keys + ["component"]).w_present.transform("sum").replace(0, np.nan)
    s["cw_share"] = s.in_comp * s.component_weight
    s["effective"] = s.cw_share / s.groupby(keys).cw_share.transform("sum").replace(0, np.nan)
    s["points"] = s.submetric_score * s.effective
    s["missed"] = (100 - s.submetric_score) * s.effective
    return s


@pytest.fixture(scope="module")
def as_of(tiny):
    return tiny.sql(f"""select * from intermediate.int_submetric_scores_daily
                        where date_day in (date '{TINY.end}', date '{TINY.end}' - interval 30 day)""")


@pytest.fixture(scope="module")
def breakdown(tiny):
    return tiny.sql("select * from marts.rpt_account_submetric_scores").set_index(["account_id", "submetric"])


def test_points_match_pandas_and_sum_to_the_score(tiny, as_of, breakdown):
    want = _points(as_of, ["account_id", "date_day"])
    now = want[pd.to_datetime(want.date_day) == pd.Timestamp(TINY.end)].set_index(["account_id", "submetric"])
    assert len(now) == len(breakdown) > 1000
    got = breakdown.loc[now.index]
    np.testing.assert_allclose(got.effective_weight, now.effective, atol=1e-12)
    np.testing.assert_allclose(got.points_contributed, now.points, atol=1e-9)
    health = tiny.sql("select account_id, health_score, health_score_30d_ago from marts.rpt_account_health")
    health = health.set_index("account_id")
    summed = got.groupby(level="account_id").points_contributed.sum()
    np.testing.assert_allclose(summed.loc[health.index], health.health_score, atol=1e-9)
    # the 30-day changes of all sub-metrics add up to the change of the score
    moved = got.groupby(level="account_id").points_change_30d.sum(min_count=1)
    known = health.health_score_30d_ago.notna()
    assert known.sum() > 50
    np.testing.assert_allclose(moved.loc[health.index[known]],
                               (health.health_score - health.health_score_30d_ago)[known], atol=1e-9)
    assert moved.loc[health.index[~known]].isna().all()


def test_driver_text_follows_the_catalogue(breakdown):
    catalogue = pd.read_csv(ROOT / "seeds" / "metrics" / "metric_catalogue.csv").set_index("metric")
    b = breakdown.reset_index()
    want = [_words(catalogue.driver_text[r.submetric], catalogue.value_format[r.submetric], r.raw_value)
            for r in b.itertuples()]
    mismatched = [(r.submetric, r.raw_value, r.driver_text, w)
                  for r, w in zip(b.itertuples(), want) if _text(r.driver_text) != w]
    assert not mismatched, mismatched[:10]
    texts = set(b.driver_text.dropna())
    assert any(t.startswith("detractor NPS (") for t in texts)
    assert {"champion in place", "no champion"} <= texts


def test_drivers_in_words_are_the_worst_best_and_biggest_movers(tiny, breakdown):
    health = tiny.sql("select * from marts.rpt_account_health").set_index("account_id")
    n = int(SETTINGS.max_drivers)
    b = breakdown.reset_index()
    weighted = b[b.effective_weight > 0]
    checked = 0
    # points are compared at 6 decimals, as the SQL does: equal points rank by submetric
    weighted = weighted.assign(missed=weighted.points_missed.round(6), contributed=weighted.points_contributed.round(6))
    for account, rows in weighted.groupby("account_id"):
        risk = rows[rows.submetric_score < SETTINGS.risk_below_score].sort_values(
            ["missed", "submetric"], ascending=[False, True]).head(n)
        strong = rows[rows.submetric_score >= SETTINGS.strength_from_score].sort_values(
            ["contributed", "submetric"], ascending=[False, True]).head(n)
        want_risk = "; ".join(risk.driver_text) or None
        want_strong = "; ".join(strong.driver_text) or None
        assert _text(health.risk_drivers.get(account)) == want_risk, account
        assert _text(health.strengths.get(account)) == want_strong, account
        checked += 1
    assert checked > 50
    movers = b.dropna(subset=["points_change_30d"]).copy()
    movers["size"] = movers.points_change_30d.abs()
    for account, rows in movers.groupby("account_id"):
        top = rows.sort_values(["size", "submetric"], ascending=[False, True]).head(n)
        top = top[top["size"] >= SETTINGS.min_change_points]
        want = "; ".join(f"{r.label} {'+' if r.points_change_30d > 0 else ''}{_half_up(r.points_change_30d, 1) + 0.0:.1f} pts"
                         for r in top.itertuples()) or None
        assert _text(health.change_drivers_30d.get(account)) == want, account

