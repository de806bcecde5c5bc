"""The metric catalogue: every metric of every kind the test config set `kinds` computes
(every kind, source and filter form; see conftest), recomputed in pandas from the staged
rows, and the fitted normalisation (zscore, percentile) recomputed from the metric values.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from metric_recompute import expected_metrics, required_days, source_frames, spine


@pytest.fixture(scope="module")
def catalogue(kinds) -> pd.DataFrame:
    frame = pd.read_csv(kinds.project / "seeds" / "metrics" / "metric_catalogue.csv")
    return frame.set_index("metric")


@pytest.fixture(scope="module")
def computed(kinds) -> pd.DataFrame:
    frame = kinds.sql("select * from intermediate.int_account_metrics_daily")
    frame["date_day"] = pd.to_datetime(frame.date_day)
    return frame.sort_values(["account_id", "date_day"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def days(kinds) -> pd.DataFrame:
    return spine(kinds.sql)


@pytest.fixture(scope="module")
def sources(kinds, days) -> dict[str, pd.DataFrame]:
    return source_frames(kinds.sql, days, TINY.end)


def test_every_kind_is_used_by_the_test_config_set(catalogue, computed):
    kinds = set(catalogue.loc[[c for c in computed.columns if c in catalogue.index]].kind)
    assert kinds == {"count", "sum", "mean", "distinct_count", "latest", "days_since", "ratio", "change",
                     "per_tenure", "tenure", "state"}


def test_every_metric_matches_pandas_from_staged_rows(catalogue, computed, days, sources):
    names = [c for c in computed.columns if c in catalogue.index]
    assert (computed[["account_id", "date_day"]].to_numpy() == days[["account_id", "date_day"]].to_numpy()).all()
    want = expected_metrics(catalogue, days, sources, names)
    mismatched = {}
    for name in names:
        got, exp = computed[name].astype(float), want[name]
        same = (got.isna() == exp.isna()) & (got.isna() | np.isclose(got, exp, rtol=1e-9, atol=1e-9))
        if not same.all():
            mismatched[name] = (int((~same).sum()), computed.loc[~same, ["account_id", "date_day"]].head(2)
                                .assign(sql=got[~same].head(2), pandas=exp[~same].head(2)).to_dict("records"))
        assert got.notna().any(), f"{name} is never computed on the tiny fixtures"
    assert not mismatched, mismatched


def test_windows_full_and_change_wait_for_both_windows(kinds, catalogue, days):
    values = kinds.sql("select * from intermediate.int_account_metric_values")
    values = values.merge(pd.Series({m: required_days(catalogue, m) for m in values.metric.unique()},
                                    name="required").rename_axis("metric").reset_index(), on="metric")
    assert ((values.lifetime_day >= values.required) == values.is_window_full).all()
    change = values[values.metric == "exports_change_14d"]
    assert change[change.lifetime_day < 28].metric_value.isna().all()
    assert change[change.lifetime_day >= 28].metric_value.notna().any()


def _signed_log(x):
    return np.sign(x) * np.log1p(np.abs(x))


def test_fitted_normalisation_matches_pandas(kinds, days):
    """Refit dates, reference values (paying days of the reference period up to the refit
    date), transform, mean and sd, and the zscore and percentile scores of every day."""
    settings = kinds.sql("select * from scoring_config.normalisation_settings").iloc[0]
    fitted = kinds.sql("""select submetric, method, coalesce(transform, 'none') as transform
                          from scoring_config.scoring_submetrics
                          where config_set = 'kinds' and is_enabled and method in ('zscore', 'percentile')""")
    directions = kinds.sql("select metric, direction from metric_config.metric_catalogue").set_index("metric")
    values = kinds.sql("select * from intermediate.int_account_metric_values")
    values["date_day"] = pd.to_datetime(values.date_day)
    paying = days.loc[days.mrr > 0, ["account_id", "date_day"]]
    month_ends = sorted({d + pd.offsets.MonthEnd(0) for d in days.date_day})
    fit_dates = [d for i, d in enumerate(month_ends) if d <= pd.Timestamp(TINY.end)
                 and i % int(settings.refit_every_months) == 0]
    fits = kinds.sql("select * from intermediate.int_metric_normalisation_fits")
    fits["fit_date"] = pd.to_datetime(fits.fit_date)
    assert sorted(fits.fit_date.unique()) == fit_dates
    scores = kinds.sql("""select account_id, date_day, submetric, submetric_score, normalisation_fit_date
                          from intermediate.int_submetric_scores_daily
                          where method in ('zscore', 'percentile')""")
    scores["date_day"] = pd.to_datetime(scores.date_day)
    checked = 0
    for spec in fitted.itertuples():
        series = values[values.metric == spec.submetric].merge(paying, on=["account_id", "date_day"])
        series = series[series.metric_value.notna()]
        sign = -1 if directions.direction[spec.submetric] == "lower_is_better" else 1
        for fit_date, next_fit in zip(fit_dates, fit_dates[1:] + [None]):
            reference = series[(series.date_day <= fit_date)
                               & (series.date_day > fit_date - pd.Timedelta(days=int(settings.reference_days)))]
            fit = fits[(fits.fit_date == fit_date) & (fits.submetric == spec.submetric)].iloc[0]
            assert fit.reference_rows == len(reference)
            log = spec.transform == "log" or (spec.transform == "auto" and fit.raw_skewness > settings.skew_log_above)
            assert fit.applied_transform == ("log" if log else "none")
            x = _signed_log(reference.metric_value) if log else reference.metric_value
            # stored rounded to 9 decimals (docs/DEFINITIONS.md 2)
            assert fit.transformed_mean == pytest.approx(x.mean(), rel=1e-9, abs=6e-10)
            assert fit.transformed_sd == pytest.approx(x.std(ddof=1), rel=1e-9, abs=6e-10)
            usable = len(reference) >= settings.min_reference_rows and x.std(ddof=1) > 0
            assert bool(fit.is_usable) == bool(usable)
            in_force = scores[(scores.submetric == spec.submetric) & (scores.date_day >= fit_date)
                              & ((scores.date_day < next_fit) if next_fit is not None else True)]
            day_values = values[values.metric == spec.submetric].set_index(["account_id", "date_day"]).metric_value
            v = day_values.reindex(pd.MultiIndex.from_frame(in_force[["account_id", "date_day"]])).to_numpy()
            if not usable:
                assert in_force.submetric_score.isna().all()
                continue
            if spec.method == "zscore":
                # from the stored fit, checked against pandas above (rounded to 9 decimals)
                z = ((_signed_log(v) if log else v) - fit.transformed_mean) / fit.transformed_sd
                want = np.clip(50 + 50 / settings.zscore_clip_sd * sign * z, 0, 100)
            else:
                ref = np.sort(reference.metric_value.to_numpy())
                below = np.searchsorted(ref, v, "left")
                equal = np.searchsorted(ref, v, "right") - below
                want = 100 * (below + equal / 2) / len(ref)
                want = want if sign == 1 else 100 - want
            got = in_force.submetric_score.to_numpy(dtype=float)
            assert (np.isnan(got) == np.isnan(v)).all(), (spec.submetric, fit_date)
            np.testing.assert_allclose(got[~np.isnan(v)], want[~np.isnan(v)], atol=1e-9)
            assert (pd.to_datetime(in_force.normalisation_fit_date) == fit_date).all()
            checked += len(in_force)
    assert checked > 10_000
    # days before the first refit date have no fit and no fitted score
    assert scores[scores.date_day < fit_dates[0]].submetric_score.isna().all()
