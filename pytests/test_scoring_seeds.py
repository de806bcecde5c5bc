"""Analyst edits to the scoring seeds: bad ones fail with a message naming seed, row and rule;
a good one gives a new score version, and a daily run after edits warns until a full refresh."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import TINY, run_dbt, scratch_project as _scratch_project

pytestmark = pytest.mark.long_running(minutes=4)  # in CI on two workers; conftest.py orders by it

SEEDS = Path("seeds") / "scoring"
# the seeds and the models their checks compare against
SEED_CHECK = ["path:seeds", "int_available_signal_metrics"]


def _edit(project: Path, seed: str, match: dict, changes: dict | None = None, append: dict | None = None,
          folder: Path = SEEDS) -> None:
    path = project / folder / f"{seed}.csv"
    with path.open() as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    hits = 0
    for row in rows:
        if changes and all(row[k] == v for k, v in match.items()):
            row.update(changes)
            hits += 1
    assert hits or append, f"no row of {seed} matches {match}"
    if append:
        rows.append({k: append.get(k, "") for k in fields})
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _seed_build(project: Path, tmp: Path):
    return run_dbt(["build", "--project-dir", str(project), "--select", *SEED_CHECK],
                   tmp / "w.duckdb",
                   tmp / "target", tmp / "no-raw", TINY.end, check=False)


def _messages(stdout: str) -> list[str]:
    return [line.split("seed check: ", 1)[1] for line in stdout.splitlines() if "seed check: " in line]


def test_bad_edits_fail_naming_seed_row_and_rule(tmp_path):
    project = _scratch_project(tmp_path)
    _edit(project, "scoring_weight_sets", {"weight_set": "standard", "component": "usage"}, {"weight": "0.30"})
    _edit(project, "scoring_submetrics", {"submetric": "escalations_90d"}, {"weight": "-0.20"})
    _edit(project, "scoring_submetrics", {"config_set": "flat_export", "submetric": "export_logins_30d"},
          {"method": "linear"})
    _edit(project, "scoring_bands", {"submetric": "dau_mau", "lower_bound": "0.3"}, {"upper_bound": "0.35"})
    _edit(project, "scoring_bands", {"submetric": "contract_months", "lower_bound": "3"}, {"upper_bound": "15"})
    _edit(project, "scoring_bands", {}, append={"config_set": "account_daily", "submetric": "dau_mau_typo",
                                               "lower_bound": "0", "points": "50"})
    _edit(project, "scoring_segment_weight_sets", {"segment": "smb"}, {"weight_set": "enterprize"})
    _edit(project, "health_tiers", {"tier": "healthy"}, {"max_score": "80"})
    _edit(project, "scoring_submetrics", {}, append={"config_set": "account_daily", "submetric": "logins_per_week",
                                                    "component": "financial", "weight": "0", "method": "inverse",
                                                    "range_min": "0", "range_max": "5", "is_enabled": "true"})
    _edit(project, "driver_settings", {"max_drivers": "3"}, {"risk_below_score": "90"})
    _edit(project, "driver_settings", {}, append={"max_drivers": "5", "risk_below_score": "50",
                                                 "strength_from_score": "80", "min_change_points": "1"})
    with (project / "seeds" / "signals" / "playbooks.csv").open() as f:
        first_step = next(csv.DictReader(f))
    _edit(project, "playbooks", {}, append=first_step, folder=Path("seeds") / "signals")
    proc = _seed_build(project, tmp_path)
    assert proc.returncode != 0
    got = _messages(proc.stdout)
    expected = [
        "playbooks row playbook=usage_decline, step=1: appears on 2 rows (the key must be unique)",
        "scoring_weight_sets rows weight_set=standard: weights sum to 0.95, they must sum to 1",
        "scoring_submetrics row config_set=account_daily, submetric=escalations_90d: weight must not be negative",
        "scoring_submetrics rows config_set=account_daily, component=support: weights sum to 0.6, they must sum to 1",
        "scoring_submetrics row config_set=flat_export, submetric=export_logins_30d: unknown method",
        "scoring_bands row config_set=account_daily, submetric=dau_mau, lower_bound=0.3: gap: nothing covers 0.35 up to 0.4",
        "scoring_bands row config_set=account_daily, submetric=contract_months, lower_bound=3.0: overlap: the next band starts at 12.0",
        "scoring_bands row config_set=account_daily, submetric=dau_mau_typo: no threshold_bands sub-metric of this name",
        "scoring_segment_weight_sets row weight_set=enterprize: no such weight_set in scoring_weight_sets",
        "health_tiers row tier=healthy: gap: nothing covers 80.0 up to 85.0",
        "scoring_submetrics row config_set=account_daily, submetric=logins_per_week: no such metric in metric_catalogue",
        "driver_settings row max_drivers=3: risk_below_score and strength_from_score must be 0-100, risk not above",
        "driver_settings: must hold exactly one row (found 2)",
    ]
    for message in expected:
        assert any(m.startswith(message) for m in got), f"missing: {message}\ngot:\n" + "\n".join(got)


def test_bad_catalogue_edits_fail_naming_the_row(tmp_path):
    """Each kind of mistake an analyst can make in the metric catalogue is named with its
    row and rule before anything is computed."""
    project = _scratch_project(tmp_path)
    metrics = Path("seeds") / "metrics"
    _edit(project, "metric_catalogue", {"metric": "events_30d"}, {"kind": "total"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "posts_28d"}, {"filter": "event=post"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "likes_28d"}, {"filter": "event_name"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "usage_depth"}, {"divisor_metric": ""}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "dau_mau"}, {"divisor_metric": "monthly_users"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "ticket_sentiment_90d"}, {"value_column": "mood"},
          folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "tickets_90d"}, {"window_days": "0"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "tenure_days"}, {"window_days": "30"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "seats"}, {"direction": "up"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "active_users_30d"}, {"window_days": "28"}, folder=metrics)
    _edit(project, "metric_catalogue", {"metric": "escalations_90d"}, {"filter": "priority=urgent"}, folder=metrics)
    _edit(project, "metric_catalogue", {}, append={
        "metric": "loop_a", "kind": "ratio", "input_metric": "loop_b", "divisor_metric": "seats",
        "label": "a", "value_format": "decimal", "driver_text": "{value}"}, folder=metrics)
    _edit(project, "metric_catalogue", {}, append={
        "metric": "loop_b", "kind": "change", "input_metric": "loop_a", "window_days": "7",
        "label": "b", "value_format": "decimal", "driver_text": "{value}"}, folder=metrics)
    _edit(project, "metric_catalogue", {}, append={
        "metric": "Logins-7d", "kind": "count", "source": "clicks", "label": "x", "value_format": "count",
        "driver_text": "{value}"}, folder=metrics)
    proc = _seed_build(project, tmp_path)
    assert proc.returncode != 0
    got = _messages(proc.stdout)
    for message in [
        "metric_catalogue row metric=events_30d: unknown kind total (count, sum, mean, distinct_count",
        "metric_catalogue row metric=posts_28d: filter column event is not one of source events (event_name,",
        "metric_catalogue row metric=likes_28d: filter clause 'event_name' is not column=value",
        "metric_catalogue row metric=usage_depth: ratio needs divisor_metric",
        "metric_catalogue row metric=dau_mau: divisor_metric monthly_users is not a metric of the catalogue",
        "metric_catalogue row metric=ticket_sentiment_90d: value_column mood is not a number of source tickets",
        "metric_catalogue row metric=tickets_90d: window_days must be 1 or more",
        "metric_catalogue row metric=tenure_days: tenure takes no window_days",
        "metric_catalogue row metric=seats: direction must be higher_is_better, lower_is_better or empty",
        "metric_catalogue row metric=active_users_30d: the risk signals read it as distinct users of user_days"
        " in 30 days, no filter, so window_days must be 30; add a metric of another name",
        "metric_catalogue row metric=escalations_90d: the risk signals read it as tickets with"
        " is_escalated=true (any window), so filter must be is_escalated=true; add a metric of another name",
        "metric_catalogue row metric=loop_a: its inputs refer back to it",
        "metric_catalogue row metric=loop_b: its inputs refer back to it",
        "metric_catalogue row metric=Logins-7d: the name must be lower case letters",
        "metric_catalogue row metric=Logins-7d: unknown source clicks (events, user_days,",
    ]:
        assert any(m.startswith(message) for m in got), f"missing: {message}\ngot:\n" + "\n".join(got)


def test_component_above_40_percent_warns_but_builds(tmp_path):
    project = _scratch_project(tmp_path)
    _edit(project, "scoring_weight_sets", {"weight_set": "standard", "component": "usage"}, {"weight": "0.45"})
    _edit(project, "scoring_weight_sets", {"weight_set": "standard", "component": "engagement"}, {"weight": "0.15"})
    proc = _seed_build(project, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    got = _messages(proc.stdout)
    assert any("segment=enterprise: weight set standard puts 0.45 on usage, above 0.4" in m for m in got), got
    assert "WARN=1" in proc.stdout


def test_shipped_seeds_pass_every_check(tmp_path):
    proc = _seed_build(_scratch_project(tmp_path), tmp_path)
    assert proc.returncode == 0 and _messages(proc.stdout) == [], proc.stdout[-3000:]


def _score_version(project: Path, tmp: Path) -> str:
    run_dbt(["build", "--project-dir", str(project), "--select", *SEED_CHECK,
                    "int_score_versions"], tmp / "v.duckdb", tmp / "vt",
                   tmp / "no-raw", TINY.end)
    with duckdb.connect(str(tmp / "v.duckdb"), read_only=True) as con:
        return con.sql("select score_version from intermediate.int_score_versions "
                       "where config_set = 'account_daily'").fetchall()[0][0]


def test_a_good_edit_changes_the_score_version(tmp_path):
    project = _scratch_project(tmp_path)
    before = _score_version(project, tmp_path / "a")
    _edit(project, "scoring_submetrics", {"config_set": "account_daily", "submetric": "seat_utilisation"},
          {"target": "0.7"})
    after = _score_version(project, tmp_path / "b")
    assert before != after and before.startswith("v-") and after.startswith("v-")
    _edit(project, "scoring_submetrics", {"config_set": "account_daily", "submetric": "seat_utilisation"},
          {"target": "0.8"})
    assert _score_version(project, tmp_path / "c") == before, "the version is a function of the seeds"


def test_a_daily_run_after_seed_edits_warns_until_a_full_refresh(tmp_path, tiny):
    """An analyst edits a target, a signal's threshold and the lookback, and the morning run
    goes on: it recomputes only its days, so the stored history mixes two editions. The run
    warns about the score versions (naming the last day of the earlier one and the new one)
    and about the signal seed (naming its file and the run that first used the edit), not
    about the scoring seed, which the score version covers, nor the lookback, which changes
    no stored day; a full refresh scores every day with the edits and the warnings are gone."""
    project = _scratch_project(tmp_path)
    _edit(project, "scoring_submetrics", {"config_set": "account_daily", "submetric": "seat_utilisation"},
          {"target": "0.7"})
    _edit(project, "risk_signals", {"signal": "usage_decline_25"}, {"threshold": "-0.3"},
          folder=Path("seeds") / "signals")
    _edit(project, "incremental_settings", {}, {"lookback_days": "4"}, folder=Path("seeds") / "pipeline")
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    args = ["build", "--project-dir", str(project), "--selector", "daily"]
    versions_label = "score history of several score versions: fct_health_scores_daily holds 2 score versions: "
    seeds_label = "seeds edited since the stored days were computed: "

    daily = run_dbt(args, db, tmp_path / "target", tiny.raw, TINY.end).stdout
    with duckdb.connect(str(db), read_only=True) as con:
        versions = dict(con.sql("select score_version, max(date_day) from marts.fct_health_scores_daily "
                                "group by all").fetchall())
        edited = con.sql("select score_version from intermediate.int_score_versions "
                         "where config_set = 'account_daily'").fetchall()[0][0]
        first_edited = con.sql(f"select min(date_day) from marts.fct_health_scores_daily "
                               f"where score_version = '{edited}'").fetchall()[0][0]
    assert len(versions) == 2 and edited in versions
    earlier_last = max(day for version, day in versions.items() if version != edited)
    assert (f"{versions_label}the days up to {earlier_last} were scored by other scoring seeds than {edited} "
            f"(that of the latest day, from {first_edited})") in " ".join(daily.split()), daily[-3000:]
    assert [line.split(seeds_label, 1)[1] for line in daily.splitlines() if seeds_label in line] == [
        f"seeds/signals/risk_signals.csv changed in run 2 of fct_seed_checksums (as of {TINY.end}): the days "
        "stored before that run keep the earlier edition until dbt build --full-refresh"]

    full = run_dbt([*args, "--full-refresh"], db, tmp_path / "target", tiny.raw, TINY.end).stdout
    assert versions_label.split(":")[0] not in full and seeds_label not in full
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("select distinct score_version from marts.fct_health_scores_daily").fetchall() == [(edited,)]
        assert con.sql("select distinct run_number from marts.fct_seed_checksums").fetchall() == [(1,)]


def test_scoring_config_set_var_must_name_a_configured_set(tmp_path):
    args = ["build", "--select", *SEED_CHECK]
    for config_set, expected in [
        ("fightchurn", []),
        ("product_event", ["var scoring_config_set=product_event: no enabled sub-metric of this config set",
                           "var scoring_config_set=product_event: segment enterprise has no weight set"]),
        ("flat_export", ["var scoring_config_set=flat_export: flat_export scores the one-file export"]),
    ]:
        proc = run_dbt(args, tmp_path / f"{config_set}.duckdb", tmp_path / "target", tmp_path / "no-raw", TINY.end,
                       check=False, extra_vars={"scoring_config_set": config_set})
        got = _messages(proc.stdout)
        assert (proc.returncode == 0) == (not expected), proc.stdout[-3000:]
        for message in expected:
            assert any(m.startswith(message) for m in got), f"missing: {message}\ngot:\n" + "\n".join(got)


def test_bad_signal_edits_fail_naming_the_row(tmp_path):
    project = _scratch_project(tmp_path)
    signals = Path("seeds") / "signals"
    _edit(project, "risk_signals", {"signal": "no_login_14d"}, {"metric": "days_since_logn"}, folder=signals)
    _edit(project, "risk_signals", {"signal": "payment_failure"}, {"severity": "urgent"}, folder=signals)
    _edit(project, "risk_signals", {"signal": "nps_drop"}, {"comparison": "=<"}, folder=signals)
    _edit(project, "risk_signals", {"signal": "health_below_60"}, {"also_metric": "usage_score"}, folder=signals)
    _edit(project, "signal_combinations", {"combination": "usage_and_support"}, {"signal_b": "tickets_up"},
          folder=signals)
    _edit(project, "escalation_path", {"risk_level": "medium"}, {"max_score": "65"}, folder=signals)
    _edit(project, "risk_signals", {"signal": "usage_decline_25"}, {"cooldown_days": "-7"}, folder=signals)
    _edit(project, "signal_severities", {"severity": "medium"}, {"puts_arr_at_risk": ""}, folder=signals)
    _edit(project, "risk_signals", {"signal": "no_login_30d"}, {"window_days": "30"}, folder=signals)
    _edit(project, "risk_signals", {"signal": "negative_tickets"}, {"window_days": ""}, folder=signals)
    proc = run_dbt(["build", "--project-dir", str(project), "--select", *SEED_CHECK],
                   tmp_path / "w.duckdb", tmp_path / "target", tmp_path / "no-raw", TINY.end, check=False)
    assert proc.returncode != 0
    got = _messages(proc.stdout)
    for message in [
        "risk_signals row signal=no_login_14d: no such metric",
        "risk_signals row signal=payment_failure: no such severity in signal_severities",
        "risk_signals row signal=nps_drop: needs a comparison",
        "risk_signals row signal=health_below_60: a second rule needs also_metric, also_comparison",
        "signal_combinations row combination=usage_and_support: no such signal_b in risk_signals",
        "escalation_path row risk_level=medium: gap: nothing covers 65.0 up to 70.0",
        "risk_signals row signal=usage_decline_25: sla_hours and action_window_days must be above 0 and cooldown",
        "signal_severities row severity=medium: escalation_level must be 0-3 and routes_to must name someone and puts",
        "risk_signals row signal=no_login_30d: window_days must be set for a windowed metric and empty for a point",
        "risk_signals row signal=negative_tickets: window_days must be set for a windowed metric and empty for a point",
    ]:
        assert any(m.startswith(message) for m in got), f"missing: {message}\ngot:\n" + "\n".join(got)



def test_a_segment_without_weight_set_is_named(tmp_path, tiny):
    """Deleting the smb row of the account_daily weight sets must not silently drop the smb
    accounts from the scores: the config check names the segment the accounts have."""
    project = _scratch_project(tmp_path)
    path = project / SEEDS / "scoring_segment_weight_sets.csv"
    lines = path.read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("account_daily,smb,")]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept))
    proc = run_dbt(["build", "--project-dir", str(project), "--select", *SEED_CHECK, "+stg_crm__accounts"],
                   tmp_path / "w.duckdb", tmp_path / "target", tiny.raw, TINY.end, check=False)
    assert proc.returncode != 0
    assert ("var scoring_config_set=account_daily: segment smb has no weight set in scoring_segment_weight_sets"
            in _messages(proc.stdout))
