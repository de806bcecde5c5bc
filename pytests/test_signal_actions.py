"""From signal to action on the tiny fixtures, recomputed in pandas: the engagement
signals (executive sponsor unresponsive, missed QBR) from staged CRM rows, the CSM
action list (which alerts, ARR at risk, overdue, order), the account risk card (top
signals, recommended actions in priority order) and the signal-quality table."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _signal_days(tiny, signal: str) -> set[tuple]:
    got = tiny.sql(f"select account_id, date_day from marts.fct_account_signals_daily where signal = '{signal}'")
    return set(zip(got.account_id, pd.to_datetime(got.date_day)))


def _seed_signal(tiny, signal: str) -> pd.Series:
    return tiny.sql(f"select * from signal_config.risk_signals where signal = '{signal}'").iloc[0]


def _days_in_segments(tiny, segments: str) -> pd.DataFrame:
    days = tiny.sql("""select spine.account_id, spine.date_day, accounts.segment
                       from intermediate.int_account_days_spined as spine
                       inner join staging.stg_crm__accounts as accounts using (account_id)""")
    days["date_day"] = pd.to_datetime(days.date_day)
    return days[days.segment.isin(segments.split(";"))]


def test_exec_sponsor_unresponsive_matches_a_pandas_recomputation(tiny):
    rule = _seed_signal(tiny, "exec_sponsor_unresponsive")
    days = _days_in_segments(tiny, rule.segments)
    sponsors = tiny.sql("""select account_id, contact_id, started_date, ended_date
                           from staging.stg_crm__contacts where contact_role = 'executive_sponsor'""")
    for column in ("started_date", "ended_date"):
        sponsors[column] = pd.to_datetime(sponsors[column])
    touches = tiny.sql("""select account_id, contact_id, cast(completed_at as date) as touched_on
                          from staging.stg_crm__activities where activity_status in ('held', 'replied')""")
    touches = touches.merge(sponsors[["contact_id"]], on="contact_id")
    touches["touched_on"] = pd.to_datetime(touches.touched_on)
    days = days.assign(first_day=days.groupby("account_id").date_day.transform("min"))
    keys = ["account_id", "date_day"]

    def latest(events: pd.DataFrame, column: str) -> pd.Series:
        pairs = days.merge(events[["account_id", column]], on="account_id")
        pairs = pairs[pairs[column].between(pairs.first_day, pairs.date_day)]
        return pairs.groupby(keys)[column].max()

    pairs = days.merge(sponsors, on="account_id")
    in_place = pairs[(pairs.started_date <= pairs.date_day)
                     & (pairs.ended_date.isna() | (pairs.date_day < pairs.ended_date))][keys].drop_duplicates()
    clocks = in_place.merge(days, on=keys) \
        .merge(latest(sponsors, "started_date").reset_index(), on=keys, how="left") \
        .merge(latest(touches, "touched_on").reset_index(), on=keys, how="left")
    clock = clocks[["first_day", "started_date", "touched_on"]].max(axis=1)
    # decision log 17: a sponsor in place before the first subscription day, not met since,
    # is counted from that day (their start is before the lifetime, so it is not seen)
    first_start = sponsors.groupby("account_id").started_date.min()
    before = clocks.account_id.map(first_start) < clocks.first_day
    assert (before & clocks.touched_on.isna() & clocks.started_date.isna() & (clock == clocks.first_day)).any()
    on = clocks[(clocks.date_day - clock).dt.days >= rule.threshold]
    expected = set(zip(on.account_id, on.date_day))
    assert expected, "the fixture has sponsors nobody met for the threshold"
    assert _signal_days(tiny, "exec_sponsor_unresponsive") == expected


def test_missed_qbr_fires_for_its_window_after_a_missed_qbr(tiny):
    rule = _seed_signal(tiny, "missed_qbr")
    days = _days_in_segments(tiny, rule.segments)
    missed = tiny.sql("""select account_id, cast(scheduled_at as date) as missed_on
                         from staging.stg_crm__activities
                         where activity_type = 'qbr' and activity_status in ('cancelled', 'no_show')""")
    missed["missed_on"] = pd.to_datetime(missed.missed_on)
    pairs = days.merge(missed, on="account_id")
    within = pairs.date_day < pairs.missed_on + pd.Timedelta(days=int(rule.window_days))
    window = pairs[(pairs.missed_on <= pairs.date_day) & within]
    counts = window.groupby(["account_id", "date_day"]).size()
    expected = set(counts[counts >= rule.threshold].index)
    assert expected, "the fixture has missed QBRs"
    assert _signal_days(tiny, "missed_qbr") == expected


@pytest.fixture(scope="module")
def actions(tiny) -> pd.DataFrame:
    return tiny.sql("select * from marts.rpt_csm_action_list")


def test_action_list_holds_every_open_alert_a_person_acts_on(tiny, actions):
    alerts = tiny.sql("select alert_id, escalation_level from marts.fct_alert_log where is_open")
    assert set(actions.alert_id) == set(alerts.alert_id[alerts.escalation_level > 0])
    assert len(actions) > 0 and (alerts.escalation_level == 0).any(), "both kinds are present"


def test_action_list_arr_at_risk_and_order(tiny, actions):
    severities = tiny.sql("select severity, puts_arr_at_risk from signal_config.signal_severities")
    at_risk_below = tiny.sql("select at_risk_below_score from kpi_config.kpi_settings").iloc[0, 0]
    arr = tiny.sql("select account_id, arr from marts.rpt_customer_360")
    scores = tiny.sql(f"""select account_id, health_score from marts.fct_health_scores_daily
                          where date_day = '{tiny.as_of}'""")
    frame = actions.drop(columns=["arr", "health_score"]).merge(severities, on="severity") \
        .merge(arr, on="account_id", how="left").merge(scores, on="account_id", how="left")
    frame["arr"] = frame.arr.fillna(0)
    expected = np.where(frame.puts_arr_at_risk | (frame.health_score < at_risk_below), frame.arr, 0.0)
    np.testing.assert_allclose(frame.arr_at_risk, expected)
    assert (frame.arr_at_risk > 0).any() and (frame.arr_at_risk == 0).any()

    ordered = frame.assign(neg=-frame.arr_at_risk).sort_values(
        ["csm_owner_id", "neg", "sla_due_at", "severity_rank", "account_id", "signal"])
    ordered["rank"] = ordered.groupby("csm_owner_id", dropna=False).cumcount() + 1
    assert (ordered.priority_rank == ordered["rank"]).all()


def test_action_list_overdue_means_sla_passed_with_no_touch(tiny, actions):
    touches = tiny.sql("""select account_id, coalesce(completed_at, scheduled_at) as touched_at
                          from staging.stg_crm__activities where activity_status in ('held', 'sent', 'replied')""")
    day_end = pd.Timestamp(tiny.as_of) + pd.Timedelta(days=1)
    touches = touches[touches.touched_at < day_end]
    pairs = actions[["alert_id", "account_id", "started_on"]].merge(touches, on="account_id")
    pairs = pairs[pairs.touched_at >= pd.to_datetime(pairs.started_on)]
    first = pairs.groupby("alert_id").touched_at.min()
    frame = actions.set_index("alert_id")
    pd.testing.assert_series_equal(frame.first_touch_at.dropna().sort_index(), first.sort_index(),
                                   check_names=False)
    expected = (pd.to_datetime(frame.sla_due_at) < day_end) & frame.first_touch_at.isna()
    assert (frame.is_overdue == expected).all()
    assert frame.is_overdue.any() and (~frame.is_overdue).any()


def test_risk_card_top_signals_and_actions_in_priority_order(tiny):
    card = tiny.sql("select * from marts.rpt_account_risk_card").set_index("account_id")
    today = tiny.sql(f"""select signals.*, severities.severity_rank
                         from marts.fct_account_signals_daily as signals
                         inner join signal_config.signal_severities as severities using (severity)
                         where date_day = '{tiny.as_of}'""")
    max_drivers = int(tiny.sql("select max_drivers from scoring_config.driver_settings").iloc[0, 0])
    path = tiny.sql("select * from signal_config.escalation_path")
    ranks = tiny.sql("select severity, severity_rank from signal_config.signal_severities")
    steps = tiny.sql("select playbook, timing, action from signal_config.playbooks where step = 1")

    today["combination_first"] = (today.signal_kind != "combination").astype(int)
    today = today.sort_values(["account_id", "severity_rank", "combination_first", "sla_hours", "signal"])
    checked = 0
    for account, row in card.iterrows():
        mine = today[today.account_id == account]
        assert row.active_signals == len(mine)
        if len(mine):
            top = " | ".join(f"{s.severity.upper()} {s.signal}: {s.evidence}"
                            for s in mine.head(max_drivers).itertuples())
            assert row.top_risk_signals == top
        level = path[(row.health_score >= path.min_score)
                     & (path.max_score.isna() | (row.health_score < path.max_score))].iloc[0]
        assert row.risk_level == level.risk_level
        sources = pd.concat([
            mine[["playbook", "severity_rank", "sla_hours"]],
            pd.DataFrame({"playbook": [level.action], "sla_hours": [level.sla_hours],
                          "severity_rank": [ranks.set_index("severity").severity_rank[level.severity]]}),
        ])
        best = sources.groupby("playbook").agg(severity_rank=("severity_rank", "min"),
                                               sla_hours=("sla_hours", "min")).reset_index()
        best = best.sort_values(["severity_rank", "sla_hours", "playbook"]).merge(steps, on="playbook", sort=False)
        text = " | ".join(f"{i}. {s.timing}: {s.action}" for i, s in enumerate(best.itertuples(), start=1))
        assert row.recommended_actions == text
        checked += len(mine) > 1
    assert checked > 0, "some accounts have several active signals to order"


def test_signal_quality_matches_a_pandas_recomputation(tiny):
    quality = tiny.sql("select * from validation.val_signal_quality").set_index("signal")
    settings = tiny.sql("select * from validation_config.validation_settings").iloc[0]
    obs = tiny.sql("""select observation_date, account_id, churned_within_horizon, next_churn_date
                      from validation.val_backtest_observations where is_included""")
    days = tiny.sql("select account_id, date_day as observation_date, signal from marts.fct_account_signals_daily")
    alerts = tiny.sql("select account_id, signal, started_on, cleared_on from marts.fct_alert_log")
    fired = obs.merge(days, on=["account_id", "observation_date"])
    fired = fired.merge(alerts, on=["account_id", "signal"])
    fired = fired[(fired.started_on <= fired.observation_date)
                  & (fired.cleared_on.isna() | (fired.cleared_on > fired.observation_date))]
    fired["lead"] = (pd.to_datetime(fired.next_churn_date) - pd.to_datetime(fired.started_on)).dt.days
    base_rate = obs.churned_within_horizon.mean()
    churners = obs.churned_within_horizon.sum()
    seeds = set(tiny.sql("select signal from signal_config.risk_signals").signal) \
        | set(tiny.sql("select combination from signal_config.signal_combinations").combination)
    assert set(quality.index) == seeds

    for signal, row in quality.iterrows():
        mine = fired[fired.signal == signal]
        assert row.observations_fired == len(mine), signal
        assert row.churners_fired == mine.churned_within_horizon.sum(), signal
        if len(mine) == 0:
            assert row.verdict == "never_fired"
            continue
        rate = mine.churned_within_horizon.mean()
        assert row.churn_rate_when_fired == pytest.approx(rate)
        assert row.lift == pytest.approx(rate / base_rate)
        assert row.recall == pytest.approx(mine.churned_within_horizon.sum() / churners)
        assert row.false_positive_rate == pytest.approx(1 - rate)
        lead = mine.lead[mine.churned_within_horizon]
        if len(lead):
            assert row.median_lead_time_days == pytest.approx(lead.median()), signal
        verdict = ("too_few" if len(mine) < settings.signal_min_fired
                   else "noise" if rate / base_rate < settings.signal_min_lift else "useful")
        assert row.verdict == verdict, signal
    assert quality.observations_fired.sum() > 0
