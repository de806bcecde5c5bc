"""Risk signals and the alert log on the tiny fixtures, recomputed in pandas.

The generator plants champion departures, usage collapses before churn and failed
payments; each test derives, from staged or event-level data, the days a signal must
be on, and requires the alert log to start an alert on the first of those days exactly
once, with its severity and routing, and to clear it the day after the last; a return
within the signal's seeded cool-down reopens the same alert.
"""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import run_dbt


def _spine(tiny) -> pd.DataFrame:
    spine = tiny.sql("select account_id, date_day from intermediate.int_account_days_spined")
    spine["date_day"] = pd.to_datetime(spine.date_day)
    return spine.sort_values(["account_id", "date_day"]).reset_index(drop=True)


def _rule(tiny, signal: str) -> pd.Series:
    """The signal's row of the seed risk_signals (window_days, cooldown_days, ...)."""
    return tiny.sql(f"select * from signal_config.risk_signals where signal = '{signal}'").iloc[0]


def _episodes(active: pd.DataFrame, as_of: str, cooldown: int) -> pd.DataFrame:
    """(account_id, date_day) on-days -> one row per episode: runs of on-days whose gaps
    (days off between them) are at most `cooldown`; started_on, cleared_on."""
    active = active.sort_values(["account_id", "date_day"])
    gap = ~(active.groupby("account_id").date_day.diff() <= pd.Timedelta(days=cooldown + 1))
    active = active.assign(run=gap.cumsum())
    runs = active.groupby(["account_id", "run"]).date_day.agg(["min", "max"]).reset_index()
    cleared = (runs["max"] + pd.Timedelta(days=1)).where(runs["max"] < pd.Timestamp(as_of))
    return pd.DataFrame({"account_id": runs.account_id, "started_on": runs["min"], "cleared_on": cleared})


def _alerts(tiny, signal: str) -> pd.DataFrame:
    alerts = tiny.sql(f"""select account_id, started_on, cleared_on, severity, routes_to, escalation_level,
                                 sla_due_at, evidence, is_open
                          from marts.fct_alert_log where signal = '{signal}'""")
    for column in ("started_on", "cleared_on"):
        alerts[column] = pd.to_datetime(alerts[column])
    return alerts


def _keys(frame: pd.DataFrame) -> list[tuple]:
    return sorted((r.account_id, r.started_on, None if pd.isna(r.cleared_on) else r.cleared_on)
                  for r in frame.itertuples())


def test_failed_payment_alert_starts_on_the_failure_day(tiny):
    failures = tiny.sql("""select account_id, cast(attempted_at as date) as failed_on
                           from staging.stg_billing__payments where payment_status = 'failed'""")
    failures["failed_on"] = pd.to_datetime(failures.failed_on)
    spine = _spine(tiny)
    days = spine.merge(failures, on="account_id")
    rule = _rule(tiny, "payment_failure")
    window = int(rule.window_days)
    on = days[(days.failed_on <= days.date_day) & (days.date_day < days.failed_on + pd.Timedelta(days=window))]
    expected = _episodes(on[["account_id", "date_day"]].drop_duplicates(), tiny.as_of,
                         int(rule.cooldown_days))
    assert len(expected) > 0, "the fixture plants failed payments"

    alerts = _alerts(tiny, "payment_failure")
    assert _keys(alerts) == _keys(expected)
    assert set(alerts.severity) == {"high"} and set(alerts.routes_to) == {"csm;cs_manager"}
    assert (pd.to_datetime(alerts.sla_due_at) == alerts.started_on + pd.Timedelta(days=1, hours=24)).all()
    assert alerts.evidence.str.fullmatch(rf"failed payments in {window} days: \d+").all()


def test_champion_departure_alert_names_the_champion(tiny):
    contacts = tiny.sql("""select account_id, first_name, last_name, started_date, ended_date
                           from staging.stg_crm__contacts where contact_role = 'champion'""")
    for column in ("started_date", "ended_date"):
        contacts[column] = pd.to_datetime(contacts[column])
    spine = _spine(tiny)
    days = spine.merge(contacts, on="account_id", how="left")
    in_place = days[(days.started_date <= days.date_day)
                    & (days.ended_date.isna() | (days.date_day < days.ended_date))]
    has_champion = set(zip(in_place.account_id, in_place.date_day))
    left = days[days.ended_date.notna() & (days.ended_date <= days.date_day)]
    last_left = left.groupby(["account_id", "date_day"]).ended_date.max().reset_index()
    on = last_left[(last_left.date_day - last_left.ended_date <= pd.Timedelta(days=30))
                   & ~pd.Series([k in has_champion for k in zip(last_left.account_id, last_left.date_day)],
                                index=last_left.index)]
    expected = _episodes(on[["account_id", "date_day"]], tiny.as_of, int(_rule(tiny, "champion_departed").cooldown_days))
    assert len(expected) > 0, "the fixture plants champion departures"

    alerts = _alerts(tiny, "champion_departed")
    assert _keys(alerts) == _keys(expected)
    assert set(alerts.severity) == {"critical"}
    assert set(alerts.routes_to) == {"csm;cs_manager;vp_customer_success"} and set(alerts.escalation_level) == {3}
    # the evidence says when the last champion to leave on or before the start day left (the role,
    # not the name: docs/DEFINITIONS.md 7; test_personal_data builds it with names)
    departures = contacts.dropna(subset=["ended_date"])
    for alert in alerts.itertuples():
        gone = departures[(departures.account_id == alert.account_id) & (departures.ended_date <= alert.started_on)]
        assert alert.evidence == f"champion left on {gone.ended_date.max():%Y-%m-%d}"


@pytest.mark.parametrize("signal, threshold", [("usage_decline_25", -0.25), ("usage_decline_50", -0.5)])
def test_usage_collapse_days_match_a_pandas_recomputation(tiny, signal, threshold):
    users = tiny.sql("""select account_id, date_day, count(*) as active_users
                        from intermediate.int_user_days_aggregated group by all""")
    users["date_day"] = pd.to_datetime(users.date_day)
    days = _spine(tiny).merge(users, on=["account_id", "date_day"], how="left").fillna({"active_users": 0})
    rule = _rule(tiny, signal)
    window = int(rule.window_days)
    grouped = days.groupby("account_id").active_users
    days["last"] = grouped.transform(lambda s: s.rolling(window, min_periods=1).sum())
    days["prior"] = days.groupby("account_id")["last"].shift(window)
    change = days["last"] / days.prior.where(days.prior != 0) - 1
    expected = days.loc[change <= threshold, ["account_id", "date_day"]]
    assert len(expected) > 0, "the fixture plants usage collapses before churn"

    got = tiny.sql(f"""select account_id, date_day from marts.fct_account_signals_daily
                       where signal = '{signal}'""")
    got["date_day"] = pd.to_datetime(got.date_day)
    assert sorted(map(tuple, got.values.tolist())) == sorted(map(tuple, expected.values.tolist()))
    alerts = _alerts(tiny, signal)
    assert _keys(alerts) == _keys(_episodes(expected, tiny.as_of, int(rule.cooldown_days)))


def test_alerts_fire_once_per_episode_and_a_rebuild_changes_nothing(tiny):
    query = "select * from marts.fct_alert_log order by alert_id"
    before = tiny.sql(query)
    assert before.alert_id.is_unique and len(before) > 0
    run_dbt(["run", "--select", "fct_account_signals_daily", "fct_alert_log"], tiny.db, tiny.target, tiny.raw,
            tiny.as_of)
    after = tiny.sql(query)
    pd.testing.assert_frame_equal(before, after)
    # no alert starts on a day its signal was also on the day before
    days = tiny.sql("select account_id, signal, date_day from marts.fct_account_signals_daily")
    on = set(zip(days.account_id, days.signal, pd.to_datetime(days.date_day)))
    signals = before[before.signal_kind != "tier_transition"]
    assert not any((a, s, pd.Timestamp(d) - pd.Timedelta(days=1)) in on
                   for a, s, d in zip(signals.account_id, signals.signal, signals.started_on))
    # nor within the signal's cool-down of the previous alert of that signal clearing
    cooldowns = tiny.sql("""select signal, cooldown_days from signal_config.risk_signals
                            union all select combination, cooldown_days from signal_config.signal_combinations""")
    ordered = signals.merge(cooldowns, on="signal").sort_values(["account_id", "signal", "started_on"])
    previous_cleared = pd.to_datetime(ordered.groupby(["account_id", "signal"]).cleared_on.shift())
    days_off = (pd.to_datetime(ordered.started_on) - previous_cleared).dt.days
    assert (days_off.dropna() > ordered.cooldown_days[days_off.notna()]).all()
    assert ordered.times_reopened.sum() > 0, "the fixture has signals that come back within their cool-down"
