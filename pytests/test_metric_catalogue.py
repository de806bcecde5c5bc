"""The metric catalogue: every metric of every kind the test config set `kinds` computes
(every kind, source and filter form; see conftest), recomputed in pandas from the staged
rows, and the fitted normalisation (zscore, percentile) recomputed from the metric values.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY

FACT_KINDS = {"count", "sum", "mean", "distinct_count", "latest", "days_since"}


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
    """The account-day spine with the account state, in lifetime order."""
    frame = kinds.sql("select * from intermediate.int_account_days_aggregated")
    frame["date_day"] = pd.to_datetime(frame.date_day)
    frame = frame.sort_values(["account_id", "date_day"]).reset_index(drop=True)
    frame["lifetime_day"] = frame.groupby("account_id").cumcount() + 1
    frame["first_day"] = frame.groupby("account_id").date_day.transform("min")
    return frame


@pytest.fixture(scope="module")
def sources(kinds, days) -> dict[str, pd.DataFrame]:
    """Each fact source as staged rows with account_id and date_day (events enriched here)."""
    as_of = pd.Timestamp(TINY.end)
    known = set(days.account_id)
    tracks = kinds.sql("select * from staging.stg_product__tracks")
    features = kinds.sql("select * from staging.stg_product__features")
    events = tracks.merge(features, on="event_name", how="left")
    events["feature_name"] = events.feature_name.fillna("uncatalogued")
    events["is_login_event"] = events.is_login_event.fillna(False).astype(bool)
    out = {"events": events.assign(date_day=pd.to_datetime(events.occurred_at).dt.normalize())}
    out["user_days"] = out["events"][["account_id", "user_id", "date_day"]].drop_duplicates()
    used = out["events"][~out["events"].is_login_event]
    out["feature_days"] = used[["account_id", "feature_name", "feature_class", "date_day"]].drop_duplicates()
    out["account_days"] = days
    for name, table, column in [("tickets", "stg_support__tickets", "created_at"),
                                ("activities", "stg_crm__activities", "scheduled_at"),
                                ("nps", "stg_surveys__nps_responses", "responded_at"),
                                ("payments", "stg_billing__payments", "attempted_at")]:
        frame = kinds.sql(f"select * from staging.{table}")
        out[name] = frame.assign(date_day=pd.to_datetime(frame[column]).dt.normalize())
    return {name: f[f.account_id.isin(known) & (f.date_day <= as_of)] for name, f in out.items()}


def _matches(rows: pd.DataFrame, rule) -> pd.Series:
    if pd.isna(rule):
        return pd.Series(True, index=rows.index)
    keep = pd.Series(True, index=rows.index)
    for clause in rule.split(";"):
        column, values = clause.split("=", 1)
        text = rows[column.strip()].astype(str).str.lower() if rows[column.strip()].dtype == bool \
            else rows[column.strip()].astype(str)
        keep &= text.isin([v.strip() for v in values.split("|")])
    return keep


def _trailing(days: pd.DataFrame, daily: pd.Series, window) -> pd.Series:
    """Sum of a daily series (aligned on the spine) over the trailing window of lifetime days."""
    size = int(window) if pd.notna(window) else len(days)
    return daily.groupby(days.account_id).transform(lambda s: s.rolling(size, min_periods=1).sum())


def _on_spine(days: pd.DataFrame, frame: pd.DataFrame, column: str) -> pd.Series:
    keyed = frame.set_index(["account_id", "date_day"])[column]
    return pd.Series(keyed.reindex(pd.MultiIndex.from_frame(days[["account_id", "date_day"]])).to_numpy(),
                     index=days.index)


def _distinct(days: pd.DataFrame, rows: pd.DataFrame, entity: str, window) -> pd.Series:
    """Distinct entities active in the trailing window, counting only lifetime days."""
    life = days.groupby("account_id").date_day.agg(["min", "max"])
    seen = rows[["account_id", entity, "date_day"]].dropna().drop_duplicates().merge(
        life, left_on="account_id", right_index=True)
    seen = seen[(seen.date_day >= seen["min"]) & (seen.date_day <= seen["max"])]
    if pd.isna(window):
        first = seen.groupby(["account_id", entity]).date_day.min().reset_index()
        new = first.groupby(["account_id", "date_day"]).size().rename("n").reset_index()
        return _on_spine(days, new, "n").fillna(0).groupby(days.account_id).cumsum()
    spans = seen.assign(offset=[list(range(int(window)))] * len(seen)).explode("offset")
    spans["date_day"] = spans.date_day + pd.to_timedelta(spans.offset.astype(int), unit="D")
    active = spans[["account_id", entity, "date_day"]].drop_duplicates()
    counts = active.groupby(["account_id", "date_day"]).size().rename("n").reset_index()
    return _on_spine(days, counts, "n").fillna(0)


def expected_metrics(catalogue: pd.DataFrame, days: pd.DataFrame, sources: dict, names) -> pd.DataFrame:
    out = pd.DataFrame(index=days.index)
    tenure = (days.date_day - days.first_day).dt.days
    pending = list(names)
    while pending:
        name = pending.pop(0)
        row = catalogue.loc[name]
        inputs = [m for m in (row.input_metric, row.divisor_metric) if pd.notna(m)]
        if any(m not in out for m in inputs):
            pending += [m for m in inputs if m not in out and m not in pending] + [name]
            continue
        if row.kind in FACT_KINDS:
            rows = sources[row.source]
            rows = rows[_matches(rows, row["filter"])]
            if row.kind == "distinct_count":
                value = _distinct(days, rows, row.value_column, row.window_days)
            else:
                if row.kind in ("count", "days_since"):
                    daily = rows.groupby(["account_id", "date_day"]).size().rename("n").reset_index()
                    count = _on_spine(days, daily, "n")
                else:
                    daily = rows.groupby(["account_id", "date_day"])[row.value_column].agg(["sum", "count"])
                    daily = daily.reset_index()
                    total, count = _on_spine(days, daily, "sum"), _on_spine(days, daily, "count")
                if row.kind == "count":
                    value = _trailing(days, count.fillna(0), row.window_days)
                elif row.kind == "sum":
                    value = _trailing(days, total.fillna(0), row.window_days)
                elif row.kind == "mean":
                    value = _trailing(days, total.fillna(0), row.window_days) / \
                        _trailing(days, count.fillna(0), row.window_days).replace(0, np.nan)
                elif row.kind == "latest":
                    day_mean = total / count.replace(0, np.nan)
                    last_day = days.date_day.where(day_mean.notna()).groupby(days.account_id).ffill()
                    last_value = day_mean.groupby(days.account_id).ffill()
                    fresh = (days.date_day - last_day).dt.days < (row.window_days if pd.notna(row.window_days)
                                                                  else np.inf)
                    value = last_value.where(fresh)
                else:  # days_since
                    last_day = days.date_day.where(count > 0).groupby(days.account_id).ffill()
                    value = (days.date_day - last_day.fillna(days.first_day)).dt.days.astype(float)
            if sources[row.source].empty:  # a system without data: missing, not 0
                value = pd.Series(np.nan, index=days.index)
        elif row.kind == "ratio":
            value = out[row.input_metric] / out[row.divisor_metric].replace(0, np.nan)
        elif row.kind == "change":
            before = out[row.input_metric].groupby(days.account_id).shift(int(row.window_days))
            value = ((out[row.input_metric] - before) / before.abs().replace(0, np.nan)).where(
                days.lifetime_day >= _required(catalogue, name))
        elif row.kind == "per_tenure":
            value = out[row.input_metric] * row.window_days / days.lifetime_day
        elif row.kind == "tenure":
            value = tenure.astype(float)
        elif row.value_column == "renewal_due":
            value = (days.days_to_renewal <= row.window_days).astype(float).where(days.days_to_renewal.notna())
        else:  # state (every system has data on the tiny fixtures, so no column is missing)
            value = days[row.value_column].astype(float)
        if pd.notna(row.min_lifetime_days):
            value = value.where(tenure >= row.min_lifetime_days)
        out[name] = value.astype(float)
    return out


def _required(catalogue: pd.DataFrame, name: str) -> int:
    """Lifetime days before a metric's windows are full (as the catalogue documents it)."""
    row = catalogue.loc[name]
    if row.kind == "ratio":
        return max(_required(catalogue, row.input_metric), _required(catalogue, row.divisor_metric))
    if row.kind == "change":
        return _required(catalogue, row.input_metric) + int(row.window_days)
    if row.kind == "per_tenure":
        return _required(catalogue, row.input_metric)
    if row.kind in FACT_KINDS - {"days_since"} and pd.notna(row.window_days):
        return int(row.window_days)
    return 1


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
    values = values.merge(pd.Series({m: _required(catalogue, m) for m in values.metric.unique()},
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
            assert fit.transformed_mean == pytest.approx(x.mean(), rel=1e-9, abs=1e-12)
            assert fit.transformed_sd == pytest.approx(x.std(ddof=1), rel=1e-9, abs=1e-12)
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
                z = ((_signed_log(v) if log else v) - x.mean()) / x.std(ddof=1)
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
