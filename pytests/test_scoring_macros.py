"""The normalisation and composite macros, rendered with Jinja and run on DuckDB.

Edges from docs/DEFINITIONS.md 2 and docs/METRICS.md: band edges (lower inclusive, upper exclusive), nulls,
zero and negative denominators, values outside the range, all-missing components.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest

MACROS = Path(__file__).resolve().parents[1] / "macros" / "scoring"
BANDS = """(select * from (values
    ('account_daily', 'dau_mau', 0.5, null, 100.0), ('account_daily', 'dau_mau', 0.4, 0.5, 80.0),
    ('account_daily', 'dau_mau', 0.3, 0.4, 60.0), ('account_daily', 'dau_mau', 0.2, 0.3, 40.0),
    ('account_daily', 'dau_mau', 0.1, 0.2, 20.0), ('account_daily', 'dau_mau', 0.0, 0.1, 0.0))
    as t(config_set, submetric, lower_bound, upper_bound, points))"""
TIERS = """(select * from (values ('thriving', 85.0, null), ('healthy', 70.0, 85.0), ('neutral', 50.0, 70.0),
    ('at_risk', 30.0, 50.0), ('critical', 0.0, 30.0)) as t(tier, min_score, max_score))"""


@pytest.fixture(scope="module")
def macro():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(MACROS), str(MACROS.parent / "utils")]))
    # scoring macros call each other and the utils, as they do inside dbt
    for name in ("clamp_score", "in_band", "signed_log", "present_weight_columns"):
        env.globals[name] = getattr(env.get_template(f"{name}.sql").module, name)

    def call(name: str, *args: str) -> str:
        module = env.get_template(f"{name}.sql").module
        return getattr(module, name)(*args)

    return call


def value(sql: str):
    return duckdb.sql(f"select {sql}").fetchall()[0][0]


@pytest.mark.parametrize("v, target, expected", [
    ("32", "40", 80.0), ("40", "40", 100.0), ("50", "40", 100.0), ("-5", "40", 0.0),
    ("0", "40", 0.0), ("null", "40", None), ("5", "0", None), ("5", "-2", None),
])
def test_linear_to_target(macro, v, target, expected):
    assert value(macro("score_linear_to_target", v, target)) == pytest.approx(expected)


@pytest.mark.parametrize("v, best, worst, expected", [
    ("5", "0", "30", 100 * 25 / 30), ("0", "0", "30", 100.0), ("30", "0", "30", 0.0),
    ("45", "0", "30", 0.0), ("-3", "0", "30", 100.0), ("null", "0", "30", None), ("5", "3", "3", None),
])
def test_inverse(macro, v, best, worst, expected):
    assert value(macro("score_inverse", v, best, worst)) == pytest.approx(expected)


@pytest.mark.parametrize("v, low, high, expected", [
    ("9", "0", "10", 90.0), ("-1", "-100", "100", 49.5), ("1", "1", "5", 0.0), ("5", "1", "5", 100.0),
    ("6", "1", "5", 100.0), ("0", "1", "5", 0.0), ("1", "0", "1", 100.0), ("null", "0", "10", None),
    ("5", "2", "1", None),
])
def test_range_rescale(macro, v, low, high, expected):
    assert value(macro("score_range_rescale", v, low, high)) == pytest.approx(expected)


@pytest.mark.parametrize("base, trend, expected", [
    ("70", "0.15", 72.1), ("70", "-0.15", 67.9),  # the examples of source document 003
    ("70", "null", 70.0), ("70", "0", 70.0),  # no trend (young account, earlier value 0): unchanged
    ("95", "2", 100.0), ("10", "-1", 8.0), ("10", "-6", 0.0), ("null", "0.5", None),
])
def test_trend_adjusted(macro, base, trend, expected):
    got = value(macro("score_trend_adjusted", base, trend, "0.2"))
    assert (float(got) if got is not None else None) == pytest.approx(expected)


@pytest.mark.parametrize("v, expected", [
    ("0.5", 100.0), ("0.4999", 80.0), ("0.4", 80.0), ("0.32", 60.0), ("0.1", 20.0), ("0.0999", 0.0),
    ("0", 0.0), ("0.95", 100.0), ("-0.1", None), ("null", None),
])
def test_threshold_bands_edges(macro, v, expected):
    sql = macro("score_threshold_bands", v, BANDS, "'account_daily'", "'dau_mau'")
    assert value(sql) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("score, tier", [
    ("100", "thriving"), ("85", "thriving"), ("84.999", "healthy"), ("70", "healthy"), ("69.9", "neutral"),
    ("50", "neutral"), ("30", "at_risk"), ("29.99", "critical"), ("0", "critical"), ("null", None),
])
def test_band_label_tiers(macro, score, tier):
    assert value(macro("band_label", score, TIERS, "tier", "min_score", "max_score")) == tier


def test_weighted_mean_re_spreads_missing_weight(macro):
    rows = "(values (1, 80.0, 0.5), (1, null, 0.3), (1, 60.0, 0.2), (2, null, 0.6), (2, null, 0.4)) as t(g, s, w)"
    got = duckdb.sql(f"""select g, {macro('weighted_mean_present', 's', 'w')} as mean,
                                {macro('weight_coverage', 's', 'w')} as coverage
                         from {rows} group by g order by g""").fetchall()
    assert got[0][1] == pytest.approx((80 * 0.5 + 60 * 0.2) / 0.7)
    assert got[0][2] == pytest.approx(0.7)
    assert got[1][1] is None and got[1][2] == 0  # all missing: no score, not 0 points


def test_percentile_in_segment(macro):
    rows = "(values ('a', 10.0), ('a', 20.0), ('a', 30.0), ('a', null), ('b', 5.0)) as t(seg, v)"
    got = duckdb.sql(f"""select seg, v, {macro('score_percentile_in_segment', 'v', 'seg')} as p
                         from {rows} order by seg, v nulls last""").fetchall()
    assert [r[2] for r in got] == [0.0, 50.0, 100.0, None, 50.0]  # a single peer sits at the middle


def test_percentile_in_segment_puts_ties_at_their_mid_rank(macro):
    """Seven of ten peers share the top value: they score 66.7 (the middle of ranks 3..9 of
    0..9), not 33.3 (the first of them)."""
    values = ", ".join(f"({v}.0)" for v in [1, 2, 3] + [9] * 7)
    got = duckdb.sql(f"""select v, {macro('score_percentile_in_segment', 'v', '1')} as p
                         from (values {values}) as t(v) order by v""").fetchall()
    assert [r[1] for r in got] == pytest.approx([0.0, 100 / 9, 200 / 9] + [600 / 9] * 7, abs=1e-9)


@pytest.mark.parametrize("v, transform, mean, sd, sign, usable, expected", [
    ("10", "'none'", "10", "2", "1", "true", 50.0),      # z = 0: the middle
    ("13", "'none'", "10", "2", "1", "true", 80.0),      # z = 1.5 with a clip of 2.5 sd: 50 + 1.5 x 20
    ("20", "'none'", "10", "2", "1", "true", 100.0),     # beyond the clip
    ("4", "'none'", "10", "2", "1", "true", 0.0),        # below it
    ("12", "'none'", "10", "2", "-1", "true", 30.0),     # lower is better: z = 1 scores 30
    ("12", "'none'", "10", "0", "1", "false", None),     # an unusable fit scores nothing
    ("null", "'none'", "10", "2", "1", "true", None),
    ("exp(1) - 1", "'log'", "1", "1", "1", "true", 50.0),   # log: ln(1 + (e - 1)) = 1 = the mean
    ("-(exp(1) - 1)", "'log'", "0", "1", "1", "true", 30.0),  # the log keeps the sign: z = -1
])
def test_zscore(macro, v, transform, mean, sd, sign, usable, expected):
    got = value(macro("score_zscore", v, transform, mean, sd, sign, "2.5", usable))
    assert (float(got) if got is not None else None) == pytest.approx(expected)


def test_weighted_mean_columns_re_spreads_missing_weight(macro):
    """A: usage has one of its two sub-metrics (80), engagement 60, support none: the
    composite of components weighted 0.5 / 0.25 / 0.25 is (80 x 0.5 + 60 x 0.25) / 0.75.
    B: nothing present: null, not 0. C: the only component with data weighs 0: null."""
    rows = """(values ('A', 80.0, 60.0, null, 0.5, 0.25, 0.25), ('B', null, null, null, 0.5, 0.25, 0.25),
                      ('C', 90.0, null, null, 0.0, 1.0, 1.0)) as t(k, u, e, s, wu, we, ws)"""
    pairs = [["u", "wu"], ["e", "we"], ["s", "ws"]]
    got = duckdb.sql(f"""select k, {macro('weighted_mean_columns', pairs)} as mean,
                                {macro('present_weight_columns', pairs)} as present
                         from {rows} order by k""").fetchall()
    assert got[0][1] == pytest.approx((80 * 0.5 + 60 * 0.25) / 0.75) and got[0][2] == pytest.approx(0.75)
    assert got[1][1] is None and got[1][2] == 0
    assert got[2][1] is None and got[2][2] == 0
    assert value(macro("weighted_mean_columns", [])) is None
