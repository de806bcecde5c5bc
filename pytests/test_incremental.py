"""Daily runs (docs/DEFINITIONS.md 6): a sequence of incremental `dbt build --selector daily`
runs gives the same rows as one full build, with days skipped between runs, across an
account's restart after a churn gap, with events that arrive late but inside
incremental_settings.lookback_days, with lifetime catalogue metrics, when a run
replays an earlier as-of day, and when a run recomputes from a day (var recompute_from)
after rows arrived later than the lookback. Each test is one sequence of runs checked at its end, so
the suite builds as few sequences as the cases need."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import TINY, Build, copy_raw, daily_full_refresh, run_dbt, scratch_project
from health_harness.compare_builds import compare

pytestmark = pytest.mark.long_running(minutes=15)  # in CI on two workers; conftest.py orders by it

# The models a daily run appends to instead of rebuilding (materialized='incremental').
INCREMENTAL = ("int_account_days_spined", "int_user_days_aggregated",
               "int_account_feature_days_aggregated", "int_account_days_aggregated",
               "int_account_signal_inputs", "int_account_metrics_daily",
               "int_account_scores_daily", "fct_health_scores_daily", "fct_account_signals_daily",
               "fct_alert_days", "int_account_first_days")
# The one incremental model that is not day-grain: one row per account, cut on the last
# day its first-days figures count (meta day_column), which is the last as-of day only
# while some account's window is open, so its logged cut may be earlier.
BY_WINDOW = "int_account_first_days"
# The incremental models whose rows do not follow the lifetime spine: a restart keeps
# their stored days (meta recompute_restarted_accounts: false).
EVENT_AGGREGATES = ("int_user_days_aggregated", "int_account_feature_days_aggregated")
END = pd.Timestamp(TINY.end)


def _day(days_before_end: int) -> str:
    return str((END - pd.Timedelta(days=days_before_end)).date())


def _ran_incrementally(target: Path) -> list[str]:
    """The incremental models whose last run replaced days (replace_days) rather than
    creating the table."""
    run = target / "run" / "customer_health" / "models"
    return sorted(p.stem for p in run.rglob("*.sql")
                  if p.stem in INCREMENTAL and "delete from" in p.read_text())


def _last_run_nodes(target: Path) -> list[str]:
    """The unique ids of the nodes the last dbt command ran (run_results.json)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    return [result["unique_id"] for result in results]


def _restart(raw: Path) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """The first account of the fixtures that churns and later starts a new subscription,
    with a gap longer than the lookback: (account, first day of the gap, restart day)."""
    lines = pd.read_parquet(raw / "billing" / "subscription_lines.parquet")
    for line in lines.sort_values(["started_on", "line_id"]).itertuples():
        earlier = lines[(lines.account_id == line.account_id) & (lines.started_on < line.started_on)]
        if len(earlier) and earlier.ended_on.notna().all() and (earlier.ended_on < line.started_on).all():
            gap = pd.Timestamp(earlier.ended_on.max())
            if (pd.Timestamp(line.started_on) - gap).days > 10:
                return line.account_id, gap, pd.Timestamp(line.started_on)
    raise AssertionError("the fixtures have no account that restarts after a churn gap")


def _recomputed_days_log(db: Path) -> pd.DataFrame:
    """pipeline_log.recomputed_days per model: the last day its last run kept and the
    accounts it recomputed whole."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql("""select model_name, max(recomputed_after) as recomputed_after,
                                 list(account_id order by account_id) filter (account_id is not null) as accounts
                          from pipeline_log.recomputed_days group by model_name order by model_name""").df()


def _assert_key_tests_check_the_last_run(db: Path, target: Path, raw: Path) -> None:
    """After daily runs 1 day and 0 days before the end (lookback 3), each incremental
    model logs that its last run kept the days up to 4 days before the end. Its key test
    checks the rows written since: with one account-day copied on the as-of day and one
    on a day 30 days back, the test finds exactly one duplicate (the full build `tiny`
    logs 1900-01-01, every day)."""
    log = _recomputed_days_log(db)
    assert sorted(log.model_name) == sorted(INCREMENTAL)
    by_day = log.model_name != BY_WINDOW
    assert set(log.recomputed_after[by_day].astype(str)) == {_day(4)}, log
    assert (log.recomputed_after[~by_day].astype(str) <= _day(4)).all(), log
    planted = db.with_name("planted.duckdb")
    shutil.copy(db, planted)
    with duckdb.connect(str(planted)) as con:
        for back in (0, 30):
            con.execute(f"""insert into intermediate.int_account_days_aggregated
                            select * from intermediate.int_account_days_aggregated
                            where date_day = '{_day(back)}' limit 1""")
    proc = run_dbt(["test", "--select", "int_account_days_aggregated,test_name:unique_combination_of_columns"],
                   planted, target, raw, _day(0), check=False)
    assert proc.returncode == 1 and "Got 1 result" in proc.stdout, proc.stdout[-3000:]


def test_daily_runs_with_gaps_equal_a_full_refresh(tiny, tmp_path):
    """Built two days before an account restarts after a churn gap, then daily runs the day
    after the restart, 10 days, 1 day and 0 days before the end: every mart and
    intermediate table equals the full build's (`tiny`). The restarted account gets back
    its gap days (is_customer false) on the lifetime spine, most of them older than the
    lookback: the run after the restart recomputes that account whole, and logs it for
    the key tests. A daily run that then replays the first day gives the rows of the build
    made on that day."""
    account, gap, restart = _restart(tiny.raw)
    first, after_restart = (str((restart + pd.Timedelta(days=d)).date()) for d in (-2, 1))
    db, target = tmp_path / "daily.duckdb", tmp_path / "target"
    run_dbt(["build", "--selector", "daily"], db, target, tiny.raw, first)
    earlier = tmp_path / "earlier.duckdb"
    shutil.copy(db, earlier)
    for day in (after_restart, _day(10), _day(1), _day(0)):
        run_dbt(["build", "--selector", "daily"], db, target, tiny.raw, day)
        if day == after_restart:
            restarted = _recomputed_days_log(db)
            follows_spine = ~restarted.model_name.isin(EVENT_AGGREGATES)
            assert all(account in (accounts if accounts is not None else [])
                       for accounts in restarted.accounts[follows_spine]), restarted
            assert restarted.accounts[~follows_spine].isna().all(), restarted
    assert _ran_incrementally(target) == sorted(INCREMENTAL)
    # the daily selector builds every daily model with its data tests, and leaves the
    # unit tests and the validation backtests out (selectors.yml)
    ran = _last_run_nodes(target)
    assert {f"model.customer_health.{model}" for model in INCREMENTAL} <= set(ran)
    assert any(node.startswith("test.") for node in ran)
    assert not [node for node in ran if node.startswith("unit_test.")]
    assert not [node for node in ran if node.startswith("model.customer_health.val_")]
    assert compare(tiny.db, db, ["marts", "intermediate"]) == []
    # the last run continued alerts over its cut: signal and tier alerts that held on the
    # last day it kept and after it, and returns within a cool-down reaching back over it
    cut = _day(4)
    crossing = Build(tiny.raw, db, target, _day(0)).sql(f"""
        select count(case when signal like 'tier:%' then 1 end) as tier_alerts,
               count(case when signal not like 'tier:%' then 1 end) as signal_alerts,
               (select count(*) from marts.fct_alert_days
                where is_return and date_day > '{cut}' and started_on <= '{cut}') as returns
        from marts.fct_alert_log
        where started_on <= '{cut}' and (cleared_on is null or cleared_on > date '{cut}' + 1)""")
    assert (crossing.iloc[0] > 5).all(), crossing
    assert set(_recomputed_days_log(tiny.db).recomputed_after.astype(str)) == {"1900-01-01"}
    _assert_key_tests_check_the_last_run(db, target, tiny.raw)
    gap_days = Build(tiny.raw, db, target, _day(0)).sql(
        "select count(*) as days, count(case when is_customer then 1 end) as customer_days"
        " from intermediate.int_account_days_aggregated"
        f" where account_id = '{account}' and date_day >= '{gap.date()}' and date_day < '{restart.date()}'")
    assert list(gap_days.iloc[0]) == [(restart - gap).days, 0]
    run_dbt(["build", "--selector", "daily"], db, target, tiny.raw, first)
    assert compare(earlier, db, ["marts", "intermediate"]) == []


def _snapshot(raw: Path, tracks: pd.DataFrame, dest: Path, day: str) -> Path:
    """The raw files as they stood at the end of `day`: events received after it left out."""
    shutil.copytree(raw, dest)
    arrived = tracks[tracks.received_at < pd.Timestamp(day) + pd.Timedelta(days=1)]
    arrived.to_parquet(dest / "product" / "tracks.parquet", index=False)
    return dest


# Catalogue metrics of every kind that reads a source with no window (and a windowed
# latest), which the default config set does not score: a daily run continues their
# lifetime totals from the last stored day (docs/METRICS.md, rule "Daily runs continue").
LIFETIME_METRICS = """\
events_total,count,events,,,,,,,higher_is_better,events,count,{value} events,every event so far
sentiment_sum_total,sum,tickets,,sentiment_score,,,,,higher_is_better,sentiment,decimal,{value},sum of ticket sentiment so far
sentiment_mean_total,mean,tickets,,sentiment_score,,,,,higher_is_better,sentiment,decimal,{value},mean ticket sentiment so far
sentiment_latest_30d,latest,tickets,,sentiment_score,30,,,,higher_is_better,sentiment,decimal,{value},latest ticket sentiment in 30 days
event_names_total,distinct_count,events,,event_name,,,,,higher_is_better,event names,count,{value} event names,event names used so far
"""


def test_late_events_and_lifetime_metrics_equal_a_full_build(tiny, tmp_path):
    """Each run sees only the events received by its as-of day. The tiny events arrive up to
    10 days late; with lookback_days 10, runs 14 and 7 days before the end and on it give the
    rows of a full build on the final files, though some events of days already stored
    arrived after those days were first computed, and some copies of a message_id arrived
    in a later load than the first. The scratch catalogue adds lifetime count, sum, mean
    and distinct metrics and a windowed latest (scored by no enabled row): the daily runs
    continue their totals from the last stored day, and the metrics hold values."""
    project = scratch_project(tmp_path)
    (project / "seeds" / "pipeline" / "incremental_settings.csv").write_text("lookback_days,min_raw_row_share\n10,0.5\n")
    catalogue = project / "seeds" / "metrics" / "metric_catalogue.csv"
    catalogue.write_text(catalogue.read_text() + LIFETIME_METRICS)
    submetrics = project / "seeds" / "scoring" / "scoring_submetrics.csv"
    names = [line.split(",")[0] for line in LIFETIME_METRICS.splitlines()]
    submetrics.write_text(submetrics.read_text() + "".join(
        f"account_daily,{name},usage,0,linear_to_target,1,,,,,,false\n" for name in names))
    days = [_day(14), _day(7), _day(0)]
    tracks = pd.read_parquet(tiny.raw / "product" / "tracks.parquet")
    occurred = tracks.event_timestamp.dt.normalize()
    received = tracks.received_at.dt.normalize()
    late = sum(((occurred <= pd.Timestamp(d)) & (received > pd.Timestamp(d))).sum() for d in days[:-1])
    assert late > 50, "the fixtures must hold events that arrive after their day was computed"
    copies = tracks[tracks.message_id.duplicated(keep=False)]
    loads = copies.received_at.map(lambda t: sum(t >= pd.Timestamp(d) + pd.Timedelta(days=1) for d in days[:-1]))
    assert (loads.groupby(copies.message_id).nunique() > 1).sum() > 5, "copies must span loads"

    # the daily selector throughout: its first run on an empty database builds every
    # table compared here (the validation schema is not)
    args = ["build", "--project-dir", str(project), "--selector", "daily"]
    daily = tmp_path / "daily.duckdb"
    for day in days:
        raw = _snapshot(tiny.raw, tracks, tmp_path / f"raw_{day}", day)
        run_dbt(args, daily, tmp_path / "target", raw, day)
    assert _ran_incrementally(tmp_path / "target") == sorted(INCREMENTAL)

    full = tmp_path / "full.duckdb"
    run_dbt(args, full, tmp_path / "target_full", raw, days[-1])
    # staging too: the events stored load by load (base_product__tracks), copies of a
    # message_id that arrive in a later load among them, equal one full read
    assert compare(full, daily, ["staging", "marts", "intermediate"]) == []
    _assert_orphans_leave_when_their_account_arrives(args, raw, daily, full, tmp_path)
    values = Build(raw, full, tmp_path / "target_full", days[-1]).sql(
        f"select {', '.join(f'count({n}) as {n}, max({n}) as max_{n}' for n in names)}"
        f" from intermediate.int_account_metrics_daily where date_day = '{days[-1]}'")
    for name in names:
        assert values[name][0] > 0 and values[f"max_{name}"][0] != 0, name


def _assert_orphans_leave_when_their_account_arrives(args: list[str], raw: Path, daily: Path,
                                                     full: Path, tmp_path: Path) -> None:
    """The product events of an unknown account are quarantined (unknown_account). When the
    account then arrives in the CRM, the next incremental run of the events' quarantine
    drops them, as a full refresh on the same files does, and keeps the other orphans."""
    day = _day(0)
    orphans = Build(raw, daily, tmp_path / "target", day).sql(
        "select account_id, count(*) as events from intermediate.int_product_tracks_quarantined"
        " where quarantine_stage = 'referential' group by account_id order by account_id")
    assert len(orphans) > 5, orphans
    account = orphans.account_id[0]
    arrived = copy_raw(raw, tmp_path / "raw_arrived")
    accounts = pd.read_parquet(arrived / "crm" / "accounts.parquet")
    newcomer = accounts.head(1).assign(account_id=account)
    pd.concat([accounts, newcomer]).to_parquet(arrived / "crm" / "accounts.parquet", index=False)
    quarantine = ["run", *args[1:3], "--select", "base_crm__accounts", "int_product_tracks_quarantined",
                  "fct_quarantined_rows"]
    run_dbt(quarantine, daily, tmp_path / "target", arrived, day)
    run_dbt([*quarantine, "--full-refresh"], full, tmp_path / "target_full", arrived, day)
    assert compare(full, daily, ["marts", "intermediate"]) == []
    left = Build(arrived, daily, tmp_path / "target", day).sql(
        "select account_id, count(*) as events from marts.fct_quarantined_rows"
        " where source_table = 'product.tracks' and quarantine_stage = 'referential'"
        " group by account_id order by account_id")
    assert list(left.account_id) == list(orphans.account_id[1:])
    assert left.events.sum() == orphans.events.sum() - orphans.events[0]


def test_rows_loaded_after_their_day_was_kept_warn_until_a_run_recomputes_them(tiny, tmp_path):
    """With the default lookback_days 3, a run 10 days after the last one loads events dated
    before the days it recomputes: fct_raw_loads counts them (recomputed here from the raw
    snapshots) and the run warns naming the table, the run and the days. The next run loads
    nothing late and still warns, since those days are still as first computed. A run with
    var recompute_from on the earliest late day recomputes them: the warning is gone and the
    warehouse equals a full refresh on the same files, which starts the log again."""
    tracks = pd.read_parquet(tiny.raw / "product" / "tracks.parquet")
    first, second = _day(10), _day(0)
    db = tmp_path / "daily.duckdb"
    daily = ["build", "--selector", "daily"]
    raw_first = _snapshot(tiny.raw, tracks, tmp_path / "raw_first", first)
    run_dbt(daily, db, tmp_path / "target", raw_first, first)
    raw_second = _snapshot(tiny.raw, tracks, tmp_path / "raw_second", second)
    proc = run_dbt(daily, db, tmp_path / "target", raw_second, second)

    # staged events: every field present, one row per message_id, a known event day
    def staged(raw: Path) -> pd.DataFrame:
        events = pd.read_parquet(raw / "product" / "tracks.parquet").dropna(
            subset=["message_id", "account_id", "event", "event_timestamp"])
        return events.drop_duplicates("message_id")
    watermark = staged(raw_first)._loaded_at.max()
    kept = pd.Timestamp(first) - pd.Timedelta(days=3)
    new = staged(raw_second)
    new = new[new._loaded_at > watermark]
    late = new[new.event_timestamp.dt.normalize() <= kept]
    assert len(late) > 5, "the fixtures' events arrive up to 10 days late"
    earliest = late.event_timestamp.min().normalize()

    build = Build(tiny.raw, db, tiny.target, second)
    loads = build.sql("select * from marts.fct_raw_loads where source_table = 'product.tracks' order by run_number")
    assert list(loads.run_number) == [1, 2] and list(loads.late_rows) == [0, len(late)]
    assert loads.rows_loaded_since[1] == len(new)
    assert loads.last_day_kept[1] == kept and loads.earliest_late_day[1] == earliest
    warning = (f"late raw rows: product.tracks: {len(late)} rows loaded by run 2 (as of {second}) are dated on "
               f"or before {kept.date()} (the earliest {earliest.date()})")
    remedy = f'until a daily run with --vars "{{recompute_from: {earliest.date()}}}" or dbt build --full-refresh'
    message = " ".join(proc.stdout.split())
    assert warning in message and remedy in message, message[-3000:]

    again = " ".join(run_dbt(daily, db, tmp_path / "target", raw_second, second).stdout.split())
    assert warning in again and "late raw rows" not in again.replace(warning, ""), again[-3000:]

    recomputed = run_dbt(daily, db, tmp_path / "target", raw_second, second,
                         extra_vars={"recompute_from": str(earliest.date())})
    assert "late raw rows" not in recomputed.stdout, recomputed.stdout[-3000:]
    runs = build.sql("select distinct run_number, last_day_kept, late_rows from marts.fct_raw_loads"
                     " where source_table = 'product.tracks' order by run_number")
    assert list(runs.late_rows) == [0, len(late), 0, 0]
    assert runs.last_day_kept[3] == earliest - pd.Timedelta(days=1)
    log = _recomputed_days_log(db)
    recomputed_from = str((earliest - pd.Timedelta(days=1)).date())
    assert set(log.recomputed_after[log.model_name != BY_WINDOW].astype(str)) == {recomputed_from}, log

    full, _ = daily_full_refresh(db, tmp_path, raw_second, second)
    assert compare(full, db, ["marts", "intermediate"]) == []
    restarted = Build(tiny.raw, full, tiny.target, second).sql("select run_number, late_rows from marts.fct_raw_loads")
    assert set(restarted.run_number) == {1} and restarted.late_rows.sum() == 0


def test_a_job_that_keeps_recompute_from_set_warns_on_its_second_day(tiny, tmp_path):
    """A run with var recompute_from is the remedy for late rows, run once. A job that keeps
    the var keeps the same last day on the next as-of day and recomputes one day more: that
    run warns, naming the runs, their as-of days and the day. A run without the var does not,
    and the sequence (replaying an earlier day of the full build, then two days with the var
    and one without) still equals the full build."""
    db, target = tmp_path / "daily.duckdb", tmp_path / "target"
    shutil.copy(tiny.db, db)
    daily = ["build", "--selector", "daily"]
    left_set = {"recompute_from": _day(20)}
    label = "recompute_from left set"
    first = run_dbt(daily, db, target, tiny.raw, _day(2), extra_vars=left_set)
    assert label not in first.stdout, first.stdout[-3000:]
    second = " ".join(run_dbt(daily, db, target, tiny.raw, _day(1), extra_vars=left_set).stdout.split())
    warning = (f"{label}: daily runs 2 to 3 (as of {_day(2)} to {_day(1)}) each recomputed every day"
               f" after {_day(21)} (20 days on run 3): the job still sets var recompute_from")
    assert warning in second, second[-3000:]
    without = run_dbt(daily, db, target, tiny.raw, _day(0))
    assert label not in without.stdout, without.stdout[-3000:]
    runs = Build(tiny.raw, db, target, _day(0)).sql(
        "select distinct run_number, last_day_kept from marts.fct_raw_loads order by run_number")
    assert [str(day.date()) for day in runs.last_day_kept] == [_day(3), _day(21), _day(21), _day(4)]
    assert compare(tiny.db, db, ["marts", "intermediate"]) == []
