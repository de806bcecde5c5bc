"""The metric catalogue recomputed in pandas from the staged rows: what a CS analyst
would write without the warehouse. pytests/test_metric_catalogue.py compares it with
int_account_metrics_daily; the benchmark (health_harness.bench) times it on the same
data as the peer of the dbt build. The meaning of each kind is in docs/METRICS.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

FACT_KINDS = {"count", "sum", "mean", "distinct_count", "latest", "days_since"}


def spine(sql) -> pd.DataFrame:
    """The account-day spine with the account state, in lifetime order. `sql` runs a
    query on the warehouse and returns a DataFrame."""
    frame = sql("select * from intermediate.int_account_days_aggregated")
    frame["date_day"] = pd.to_datetime(frame.date_day)
    frame = frame.sort_values(["account_id", "date_day"]).reset_index(drop=True)
    frame["lifetime_day"] = frame.groupby("account_id").cumcount() + 1
    frame["first_day"] = frame.groupby("account_id").date_day.transform("min")
    return frame


def source_frames(sql, days: pd.DataFrame, as_of: str) -> dict[str, pd.DataFrame]:
    """Each fact source as staged rows with account_id and date_day (events enriched here)."""
    as_of = pd.Timestamp(as_of)
    known = set(days.account_id)
    # the columns a metric can read (docs/METRICS.md), not the load bookkeeping (message
    # id, received and loaded times): on the demo data (6 M events) those took 0.8 GB
    tracks = sql("select account_id, user_id, event_name, occurred_at, event_value"
                 " from staging.stg_product__tracks")
    features = sql("select * from staging.stg_product__features")
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
        frame = sql(f"select * from staging.{table}")
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
    """Distinct entities active in the trailing window, counting only lifetime days.

    Straight from the definition, one account at a time: a lifetime days x entities
    table of who was active on which day, its running count per entity, and an entity
    counts on a day when its count grew in the window's days (ever, with no window).
    An account's table is small (a few hundred days x its users or features), so the
    memory follows the account-days, not the account-days times the window as a list
    of every (day, entity) pair in each window would (the benchmark's peer ran out of
    memory on it at 6 M events)."""
    life = days.groupby("account_id").date_day.agg(["min", "max"])
    seen = rows[["account_id", entity, "date_day"]].dropna().drop_duplicates().merge(
        life, left_on="account_id", right_index=True)
    seen = seen[(seen.date_day >= seen["min"]) & (seen.date_day <= seen["max"])]
    seen = seen.assign(day=(seen.date_day - seen["min"]).dt.days.to_numpy())
    # the spine is one row per lifetime day, in account and day order (spine())
    first_row = days.index.to_series().groupby(days.account_id).min()
    lifetime = days.groupby("account_id").size()
    assert ((life["max"] - life["min"]).dt.days + 1 == lifetime).all(), "the spine skips a lifetime day of some account"
    counts = np.zeros(len(days))
    for account, active in seen.groupby("account_id", sort=False):
        things, _ = pd.factorize(active[entity])
        # row 0 is the day before the lifetime, so running[i + 1] counts days up to day i
        table = np.zeros((lifetime[account] + 1, things.max() + 1), dtype=np.int64)
        table[active.day.to_numpy() + 1, things] = 1
        running = table.cumsum(axis=0)
        if pd.isna(window):
            in_window = running[1:] > 0
        else:
            before = np.vstack([np.zeros((int(window), running.shape[1]), dtype=np.int64), running])
            in_window = running[1:] - before[1:len(running)] > 0
        start = first_row[account]
        counts[start:start + lifetime[account]] = in_window.sum(axis=1)
    return pd.Series(counts, index=days.index)


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
                days.lifetime_day >= required_days(catalogue, name))
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


def required_days(catalogue: pd.DataFrame, name: str) -> int:
    """Lifetime days before a metric's windows are full (as the catalogue documents it)."""
    row = catalogue.loc[name]
    if row.kind == "ratio":
        return max(required_days(catalogue, row.input_metric), required_days(catalogue, row.divisor_metric))
    if row.kind == "change":
        return required_days(catalogue, row.input_metric) + int(row.window_days)
    if row.kind == "per_tenure":
        return required_days(catalogue, row.input_metric)
    if row.kind in FACT_KINDS - {"days_since"} and pd.notna(row.window_days):
        return int(row.window_days)
    return 1
