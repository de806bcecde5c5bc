"""Other shapes of raw input: CSV files, absent systems, a file missing a contract column,
a raw_path with no files, an empty or corrupt file, a raw table the previous run read that is
gone, empty or cut short, one not loaded up to the as-of day, a path with an apostrophe, an account
deleted in the CRM, an account that reaches the CRM after its contract, tickets loaded
after the lookback (a correction, and a ticket the export missed while it was open)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import TINY, Build, build_tiny, copy_raw, daily_full_refresh, run_dbt, scratch_project
from health_harness.compare_builds import compare


@pytest.fixture(scope="module")
def csv_without_support(tmp_path_factory):
    """CSV files, and no help desk or survey tool at all."""
    return build_tiny(tmp_path_factory.mktemp("csv"), fmt="csv", drop_systems=("support", "surveys"))


def test_absent_systems_build_empty_staging_with_contract_columns(csv_without_support):
    for model in ("stg_support__tickets", "stg_support__satisfaction_ratings", "stg_surveys__nps_responses"):
        df = csv_without_support.sql(f"select * from staging.{model}")
        assert len(df) == 0, model
    cols = csv_without_support.sql("describe staging.stg_support__tickets")
    assert list(cols.column_name)[:3] == ["ticket_id", "account_id", "requester_email"]
    mart = csv_without_support.sql("select * from marts.rpt_customer_360")
    assert (mart.open_tickets == 0).all() and (mart.tickets_opened_30d == 0).all()
    assert mart.latest_nps_score.isna().all() and mart.avg_csat_90d.isna().all()
    assert (mart.events_30d > 0).any()


def test_csv_gives_the_same_marts_as_parquet(csv_without_support, tiny):
    cols = "account_id, customer_status, mrr, seats, events_30d, active_users_30d, meetings_held_90d"
    a = tiny.sql(f"select {cols} from marts.rpt_customer_360 order by account_id")
    b = csv_without_support.sql(f"select {cols} from marts.rpt_customer_360 order by account_id")
    pd.testing.assert_frame_equal(a, b)
    rec = csv_without_support.sql("select * from marts.rpt_raw_row_reconciliation")
    assert rec.is_reconciled.all()


def test_missing_contract_column_names_file_and_column(tmp_path, tiny):
    def drop_full_name(path, table):
        return table.drop(["full_name"]) if path.name == "users.parquet" and path.parent.name == "crm" else table
    raw = copy_raw(tiny.raw, tmp_path / "raw", drop_full_name)
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    proc = run_dbt(["run", "--select", "stg_crm__users"], db, tmp_path / "target", raw, TINY.end, check=False)
    assert proc.returncode != 0
    out = proc.stdout
    assert "crm/users" in out and "full_name" in out and "raw contract" in out, out[-3000:]
    # every check runs before any raw relation is switched: the last run's stay as they were
    after = Build(tiny.raw, db, tiny.target, TINY.end)
    for relation in ("raw_crm.users", "raw_crm.accounts", "raw_support.tickets", "raw_product.tracks"):
        assert after.sql(f"select count(*) as n from {relation}").n[0] == tiny.sql(
            f"select count(*) as n from {relation}").n[0] > 0, relation


def test_raw_path_without_files_stops_before_anything_changes(tmp_path, tiny):
    """A mistyped raw_path must not be read as "every system absent" (which would empty
    the marts): the run stops in raw registration, names the var and the path, and the
    warehouse keeps its rows."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny.db, db)
    before = Build(tiny.raw, db, tiny.target, TINY.end).sql("select count(*) as n from marts.dim_accounts").n[0]
    missing = tmp_path / "no such folder"
    proc = run_dbt(["build"], db, tmp_path / "target", missing, TINY.end, check=False)
    assert proc.returncode != 0
    assert f"var raw_path: no files under '{missing}'" in proc.stdout
    assert "Nothing in the warehouse was changed" in proc.stdout
    after = Build(tiny.raw, db, tiny.target, TINY.end).sql("select count(*) as n from marts.dim_accounts").n[0]
    assert before == after > 0


def test_zero_byte_file_is_named_as_empty(tmp_path, tiny):
    """A zero-byte CSV (a failed export) is reported as an empty file, not as a file that
    lacks every contract column."""
    raw = tmp_path / "raw"
    shutil.copytree(tiny.raw, raw)
    (raw / "support" / "tickets.parquet").unlink()
    (raw / "support" / "tickets.csv").write_bytes(b"")
    proc = run_dbt(["run", "--select", "stg_support__tickets"], tmp_path / "w.duckdb", tmp_path / "target",
                   raw, TINY.end, check=False)
    assert proc.returncode != 0
    out = proc.stdout.replace("\n", " ")
    assert f"Raw file {raw}/support/tickets.csv is empty (0 bytes), for source" in out, out[-3000:]
    assert "lacks column" not in out


def _daily_run_stopped_at_registration(tmp_path, tiny, raw) -> tuple[Path, str]:
    """A daily run on `raw` over a copy of the tiny build, which raw registration must stop
    with nothing run and the stored scores as they were. Returns the copy and dbt's output
    on one line."""
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    stored = "select max(date_day) as last_day, count(*) as n from marts.fct_health_scores_daily"
    before = Build(raw, db, tiny.target, TINY.end).sql(stored)
    proc = run_dbt(["build", "--selector", "daily"], db, tmp_path / "target", raw, TINY.end, check=False)
    out = " ".join(proc.stdout.split())
    assert proc.returncode != 0, out[-3000:]
    assert "Nothing in the warehouse was changed" in out and "START sql" not in out, out[-3000:]
    pd.testing.assert_frame_equal(Build(raw, db, tiny.target, TINY.end).sql(stored), before)
    return db, out


def test_a_raw_table_the_previous_run_read_that_is_gone_empty_or_cut_short_stops_the_run(tmp_path, tiny):
    """A failed export the morning after (the billing folder missing, the tickets file written
    with no row, the activities export stopped at 40% of its rows) is not read as a company
    without billing or a help desk, which would churn every account in the days the run
    recomputes: the run stops in raw registration, one line per table with the rows and file
    the previous run read, and the warehouse keeps its rows. A --full-refresh run takes the
    files as they are, and the runs after it no longer ask."""
    raw = tmp_path / "raw"
    shutil.copytree(tiny.raw, raw, ignore=shutil.ignore_patterns("_truth"))
    shutil.rmtree(raw / "billing")
    tickets = raw / "support" / "tickets.parquet"
    pq.write_table(pq.read_table(tickets).slice(0, 0), tickets)
    activities = raw / "crm" / "activities.parquet"
    all_activities = pq.read_table(activities)
    kept = int(all_activities.num_rows * 0.4)
    pq.write_table(all_activities.slice(0, kept), activities)
    db, out = _daily_run_stopped_at_registration(tmp_path, tiny, raw)
    for table in ("invoices", "payments", "subscription_lines"):
        rows = pq.read_metadata(tiny.raw / "billing" / f"{table}.parquet").num_rows
        assert (f"billing.{table}: the previous run read {rows} rows from {tiny.raw}/billing/{table}.parquet;"
                f" now there is no {raw}/billing/{table}.parquet|.csv|.csv.gz or folder of parts") in out, out[-3000:]
    rows = pq.read_metadata(tiny.raw / "support" / "tickets.parquet").num_rows
    assert (f"support.tickets: the previous run read {rows} rows from {tiny.raw}/support/tickets.parquet;"
            " now its export holds no row") in out
    assert (f"crm.activities: the previous run read {all_activities.num_rows} rows from"
            f" {tiny.raw}/crm/activities.parquet; now it holds {kept}, less than min_raw_row_share 0.5"
            " of them (seeds/pipeline/incremental_settings.csv)") in out
    assert out.count(": the previous run read ") == 5  # the other tables are as they were
    again = run_dbt(["run", "--select", "stg_crm__users"], db, tmp_path / "target", raw, TINY.end, check=False)
    assert again.returncode != 0 and "raw tables gone, empty or cut short" in again.stdout

    run_dbt(["run", "--select", "stg_crm__users", "--full-refresh"], db, tmp_path / "target", raw, TINY.end)
    after = run_dbt(["run", "--select", "stg_crm__users"], db, tmp_path / "target", raw, TINY.end)
    assert "raw tables gone, empty or cut short" not in after.stdout
    registry = Build(raw, db, tiny.target, TINY.end).sql(
        "select source_name, row_count from raw_registry.verified_raw_files")
    assert not registry.source_name.str.startswith("billing.").any()
    assert registry.set_index("source_name").row_count.loc[["support.tickets", "crm.activities"]].tolist() == [0, kept]


def test_a_share_that_is_not_a_share_stops_raw_registration_naming_the_seed(tmp_path, tiny):
    """Raw registration reads min_raw_row_share from the seed file before the seeds load: a
    value that is not a share between 0 and 1 stops the run naming the file, row and column."""
    project = scratch_project(tmp_path)
    (project / "seeds" / "pipeline" / "incremental_settings.csv").write_text(
        "lookback_days,min_raw_row_share\n3,half\n")
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    proc = run_dbt(["run", "--project-dir", str(project), "--select", "stg_crm__users"], db,
                   tmp_path / "target", tiny.raw, TINY.end, check=False)
    assert proc.returncode != 0
    assert ("seed check: incremental_settings row 1: min_raw_row_share must be a share between 0 and 1"
            " (seeds/pipeline/incremental_settings.csv holds half)") in " ".join(proc.stdout.split()), \
        proc.stdout[-3000:]


def test_a_raw_table_not_loaded_up_to_the_as_of_day_stops_the_run(tmp_path, tiny):
    """A product export that stalled four days before the as-of day would read as every
    account going quiet (usage falls, alerts open) with every test passing: the run stops in
    raw registration, naming the table, its latest load time and the freshness error_after it
    passed, and the warehouse keeps its rows. A CRM export past its warn_after (2 days) but
    within error_after (7) does not stop it, nor does a help desk quiet for 12 days (its
    tables, stamped row by row, have no error_after): built as of the last day the events
    hold, the run goes on, a data test warns of the CRM export and of the help desk and the
    warning counts in dbt's summary, and the registry keeps each file's latest load time."""
    raw = tmp_path / "raw"
    shutil.copytree(tiny.raw, raw, ignore=shutil.ignore_patterns("_truth"))
    tracks = pd.read_parquet(raw / "product" / "tracks.parquet")
    stalled = tracks[tracks._loaded_at < pd.Timestamp(TINY.end) - pd.Timedelta(days=3)]
    stalled.to_parquet(raw / "product" / "tracks.parquet", index=False)
    latest = stalled._loaded_at.max()
    activities = pd.read_parquet(raw / "crm" / "activities.parquet")
    activities["_loaded_at"] = pd.Timestamp(TINY.end) - pd.Timedelta(days=6) + pd.Timedelta(hours=22)
    activities.to_parquet(raw / "crm" / "activities.parquet", index=False)
    # a quiet help desk: no ticket changed and no rating given in the last 12 days
    quiet = {}
    for table in ("tickets", "satisfaction_ratings"):
        rows = pd.read_parquet(raw / "support" / f"{table}.parquet")
        rows = rows[rows._loaded_at < pd.Timestamp(TINY.end) - pd.Timedelta(days=11)]
        rows.to_parquet(raw / "support" / f"{table}.parquet", index=False)
        quiet[f"support.{table}"] = rows._loaded_at.max()
    db, out = _daily_run_stopped_at_registration(tmp_path, tiny, raw)
    behind = pd.Timestamp(TINY.end) + pd.Timedelta(days=1) - latest
    assert behind.days == 4
    assert (f"raw tables not loaded up to as_of_date {TINY.end} (a stalled export?): product.tracks:"
            f" its latest row was loaded at {latest}, 4 days {behind.seconds // 3600} h before the"
            " as-of day ended; its freshness error_after is 2 days"
            " (models/staging/product/_product__sources.yml)") in out, out[-3000:]
    # the activities are within error_after; the help desk has none
    assert out.count("its latest row was loaded at") == 1, out[-3000:]

    last_day = latest.date()
    after = run_dbt(["build", "--select", "base_crm__activities", "base_support__tickets",
                     "base_support__satisfaction_ratings", "assert_raw_tables_are_loaded_up_to_the_as_of_day"],
                    db, tmp_path / "target", raw, str(last_day), check=False)
    out = " ".join(after.stdout.split())
    assert after.returncode == 0, out[-3000:]
    activities_behind = pd.Timestamp(last_day) + pd.Timedelta(days=1) - activities._loaded_at[0]
    assert (activities_behind.days, activities_behind.seconds // 3600) == (2, 2)
    assert ("raw tables loaded some time before the as-of day ended: crm.activities: its latest row was"
            f" loaded at {activities._loaded_at[0]}, 2 days 2 h before as_of_date {last_day} ended;"
            " its freshness warn_after is 2 days (models/staging/crm/_crm__sources.yml)") in out, out[-3000:]
    for table, loaded in quiet.items():
        behind = pd.Timestamp(last_day) + pd.Timedelta(days=1) - loaded
        assert behind.days >= 7  # past the error_after of 7 days the support source had before
        assert (f"{table}: its latest row was loaded at {loaded}, {behind.days} days"
                f" {behind.seconds // 3600} h before as_of_date {last_day} ended; its freshness"
                " warn_after is 2 days (models/staging/support/_support__sources.yml)") in out, out[-3000:]
    assert "raw tables not loaded" not in out and out.count("its latest row was loaded at") == 3, out[-3000:]
    assert "WARN 3 assert_raw_tables_are_loaded_up_to_the_as_of_day" in out and " WARN=1 " in out, out[-3000:]
    registry = Build(raw, db, tiny.target, str(last_day)).sql(
        "select source_name, max(loaded_through) as loaded_through from raw_registry.verified_raw_files"
        " group by source_name").set_index("source_name").loaded_through
    assert registry["product.tracks"] == latest
    assert registry["crm.activities"] == activities._loaded_at[0]
    assert pd.isna(registry["product.features"])  # a reference table with no load time


def test_versions_loaded_at_the_same_time_are_kept_the_same_way_every_time(tmp_path, tiny):
    """Two rows of one contact with the same _loaded_at but different titles: staging keeps the
    one whose raw record sorts first, the same one on every build, and quarantines the other as
    conflicting_version_same_load_time; an exact copy stays a plain duplicate."""
    def plant(path, table):
        if path.name != "contacts.parquet":
            return table
        frame = table.to_pandas()
        first, second = frame.iloc[[0]].copy(), frame.iloc[[1]].copy()
        frame.loc[frame.index[0], "title"] = "Buyer A"
        first["title"] = "Buyer B"
        return pa.Table.from_pandas(pd.concat([first, frame, second]), schema=table.schema,
                                    preserve_index=False)
    raw = copy_raw(tiny.raw, tmp_path / "raw", plant)
    contacts = pd.read_parquet(raw / "crm" / "contacts.parquet")
    conflicted, copied = contacts.contact_id.iloc[0], contacts.contact_id.iloc[-1]
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    run_dbt(["run", "--select", "base_crm__contacts", "stg_crm__contacts", "fct_quarantined_rows"], db,
            tmp_path / "target", raw, TINY.end)
    build = Build(raw, db, tiny.target, TINY.end)
    kept = build.sql(f"select title from staging.stg_crm__contacts where contact_id = '{conflicted}'")
    assert list(kept.title) == ["Buyer A"]
    rules = build.sql(f"""select record_key, quarantine_rule from marts.fct_quarantined_rows
                          where source_table = 'crm.contacts' and record_key in ('{conflicted}', '{copied}')""")
    assert dict(zip(rules.record_key, rules.quarantine_rule)) == {
        conflicted: "conflicting_version_same_load_time", copied: "duplicate_contact_id"}


def test_an_account_deleted_in_the_crm_leaves_the_marts_with_its_rows_kept_aside(tmp_path, tiny):
    """The CRM exports a new version of a scored account with is_deleted true. A daily run
    warns that the score history still holds it; after a full refresh it is in no mart,
    its CRM row is kept aside as deleted_in_crm (its earlier versions as superseded), every
    row the other systems staged of it as unknown_account and the ratings of its tickets as
    unknown_ticket, and the warning is gone."""
    gone = tiny.sql(f"select min(account_id) as a from marts.fct_health_scores_daily "
                    f"where date_day = '{TINY.end}'").a[0]
    versions = 0

    def delete(path, table):
        nonlocal versions
        if path.relative_to(tiny.raw).as_posix() != "crm/accounts.parquet":
            return table
        frame = table.to_pandas()
        versions = int((frame.account_id == gone).sum())
        deleted = frame[frame.account_id == gone].sort_values("_loaded_at").tail(1).copy()
        deleted["is_deleted"] = True
        deleted["_loaded_at"] += pd.Timedelta(hours=1)
        return pa.Table.from_pandas(pd.concat([frame, deleted]), schema=table.schema, preserve_index=False)
    raw = copy_raw(tiny.raw, tmp_path / "raw", delete)
    assert versions >= 1
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    build = Build(raw, db, tmp_path / "target", TINY.end)

    daily = " ".join(run_dbt(["build", "--selector", "daily"], db, build.target, raw, TINY.end).stdout.split())
    assert ("accounts left the CRM: fct_health_scores_daily holds the days of accounts the CRM export no "
            f"longer holds: 1 (the first {gone})") in daily, daily[-3000:]
    assert build.sql(f"select count(*) as n from marts.fct_health_scores_daily where account_id = '{gone}'").n[0] > 0

    # what staging held of the account before: each such row becomes unknown_account
    tables = tiny.sql("""select table_name from information_schema.columns where table_schema = 'staging'
                         and table_name like 'stg_%' and column_name = 'account_id'
                         and table_name <> 'stg_crm__accounts'""").table_name
    expected = {("crm.accounts", "deleted_in_crm"): 1, ("crm.accounts", "superseded_by_later_version"): versions}
    for table in tables:
        system, name = table.removeprefix("stg_").split("__")
        rows = tiny.sql(f"select count(*) as n from staging.{table} where account_id = '{gone}'").n[0]
        if rows:
            expected[(f"{system}.{name}", "unknown_account")] = rows
    ratings = tiny.sql(f"""select cast(rating_id as varchar) as rating_id
                           from staging.stg_support__satisfaction_ratings
                           where ticket_id in (select ticket_id from staging.stg_support__tickets
                                               where account_id = '{gone}')""").rating_id
    if len(ratings):
        expected[("support.satisfaction_ratings", "unknown_ticket")] = len(ratings)
    assert ("product.tracks", "unknown_account") in expected and len(expected) > 5

    full = " ".join(run_dbt(["build", "--full-refresh"], db, build.target, raw, TINY.end).stdout.split())
    assert "accounts left the CRM" not in full
    keys = ", ".join(f"'{key}'" for key in [gone, *ratings])
    got = build.sql(f"""select source_table, quarantine_rule, count(*) as n from marts.fct_quarantined_rows
                        where (account_id = '{gone}' or record_key in ({keys}))
                          and (quarantine_stage = 'referential' or source_table = 'crm.accounts')
                        group by all""")
    assert dict(zip(zip(got.source_table, got.quarantine_rule), got.n)) == expected
    for mart in ("dim_accounts", "rpt_customer_360", "fct_health_scores_daily", "fct_account_signals_daily"):
        assert build.sql(f"select count(*) as n from marts.{mart} where account_id = '{gone}'").n[0] == 0, mart


def test_an_account_that_reaches_the_crm_after_its_contract_warns_until_it_is_recomputed(tmp_path, tiny):
    """The billing system exported a contract line of an account months ago; the CRM exports
    the account only now. A daily run scores it from the days it recomputes and warns that its
    first days are missing, naming the account and both days and the run that fixes it: a
    daily run with var recompute_from on the line's start scores it from that day, the
    warning is gone, and the warehouse equals a full refresh on the same files."""
    newcomer, started = "ACC-LATE01", "2025-10-01"

    def arrive(path, table):
        frame = table.to_pandas()
        name = path.relative_to(tiny.raw).as_posix()
        if name == "crm/accounts.parquet":
            added = frame.iloc[[0]].assign(account_id=newcomer)
        elif name == "billing/subscription_lines.parquet":
            added = frame[frame.ended_on.isna()].iloc[[0]].assign(
                account_id=newcomer, line_id="li_late", subscription_id="sub_late",
                started_on=pd.Timestamp(started).date())
        else:
            return table
        return pa.Table.from_pandas(pd.concat([frame, added]), schema=table.schema, preserve_index=False)
    raw = copy_raw(tiny.raw, tmp_path / "raw", arrive)
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    build = Build(raw, db, tmp_path / "target", TINY.end)
    label = "accounts scored from a later day than their contract"
    daily = ["build", "--selector", "daily"]

    warned = " ".join(run_dbt(daily, db, build.target, raw, TINY.end).stdout.split())
    first = build.sql(f"select min(date_day) as d from marts.fct_health_scores_daily "
                      f"where account_id = '{newcomer}'").d[0]
    assert first > pd.Timestamp(started)
    assert (f"{label}: fct_health_scores_daily lacks the first days of accounts under contract before their "
            f"first stored day: 1 (the first {newcomer}: under contract from {started}, stored from "
            f"{first:%Y-%m-%d})") in warned, warned[-3000:]
    assert f'until a daily run with --vars "{{recompute_from: {started}}}" or dbt build --full-refresh' in warned

    recomputed = " ".join(run_dbt(daily, db, build.target, raw, TINY.end,
                                  extra_vars={"recompute_from": started}).stdout.split())
    assert label not in recomputed, recomputed[-3000:]
    days = build.sql(f"select min(date_day) as first, count(*) as n from marts.fct_health_scores_daily "
                     f"where account_id = '{newcomer}'")
    assert (str(days["first"][0])[:10], days.n[0]) == (started, (pd.Timestamp(TINY.end) - pd.Timestamp(started)).days + 1)

    full, refreshed = daily_full_refresh(db, tmp_path, raw, TINY.end)
    assert label not in " ".join(refreshed.stdout.split())
    assert compare(full, db, ["marts", "intermediate"]) == []


def test_tickets_loaded_after_the_lookback_warn_until_they_are_recomputed(tmp_path, tiny):
    """Two tickets reach the warehouse after the lookback. The support system re-exports a
    ticket closed a month ago as reopened, with a later load time; and a ticket opened
    before the last kept day and solved after it is loaded for the first time (the export
    missed it while it was open). A daily run keeps the older days as computed and warns
    that support.tickets has late rows, the earliest the reopened ticket's opening day: a
    ticket seen for the first time counts from its opening, not its solving. The days the
    run writes already count the new ticket as open (their open-ticket count starts from
    the tickets of the kept days, not from the stored count, which would end at -1 when it
    is solved). The warehouse differs from a full refresh on the same files until a daily
    run with var recompute_from on the earliest day, which ends the warning and equals it."""
    kept = pd.Timestamp(TINY.end) - pd.Timedelta(days=3)
    scored = set(tiny.sql(f"select account_id from marts.fct_health_scores_daily "
                          f"where date_day = '{TINY.end}'").account_id)
    tickets = pd.read_parquet(tiny.raw / "support" / "tickets.parquet")
    closed = tickets[(tickets.created_at >= "2026-02-20") & (tickets.created_at < "2026-03-01")
                     & (tickets.solved_at < "2026-03-05") & tickets.account_id.isin(scored)]
    ticket = closed.sort_values("ticket_id").iloc[0]
    day = ticket.created_at.normalize()
    # an account with no ticket open on any day from the kept day's week on
    quiet = set(tiny.sql(f"""select account_id from intermediate.int_account_days_aggregated
                             where date_day >= '{(kept - pd.Timedelta(days=7)).date()}'
                             group by account_id having max(open_tickets) = 0""").account_id)
    account = sorted((quiet & scored) - {ticket.account_id})[0]
    opened, solved = kept - pd.Timedelta(days=5, hours=-9), kept + pd.Timedelta(days=3, hours=11)
    first_seen = tickets[tickets.ticket_id == ticket.ticket_id].assign(
        ticket_id="tk_first_seen_late", account_id=account, created_at=opened, solved_at=solved,
        _loaded_at=pd.Timestamp(TINY.end) + pd.Timedelta(days=1, hours=6))

    def add_tickets(path, table):
        if path.relative_to(tiny.raw).as_posix() != "support/tickets.parquet":
            return table
        frame = table.to_pandas()
        corrected = frame[frame.ticket_id == ticket.ticket_id].assign(
            ticket_status="open", solved_at=pd.NaT, priority="urgent", is_escalated=True,
            _loaded_at=pd.Timestamp(TINY.end) + pd.Timedelta(days=1, hours=6))
        return pa.Table.from_pandas(pd.concat([frame, corrected, first_seen]), schema=table.schema,
                                    preserve_index=False)
    raw = copy_raw(tiny.raw, tmp_path / "raw", add_tickets)
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    daily = ["build", "--selector", "daily"]
    warned = " ".join(run_dbt(daily, db, tmp_path / "target", raw, TINY.end).stdout.split())
    assert (f"late raw rows: support.tickets: 2 rows loaded by run 2 (as of {TINY.end}) are dated on or before "
            f"{kept.date()} (the earliest {min(day, opened.normalize()).date()})") in warned, warned[-3000:]

    open_counts = f"""select date_day, open_tickets from intermediate.int_account_days_aggregated
                      where account_id = '{account}' and date_day > '{kept.date()}' order by date_day"""
    written = Build(raw, db, tmp_path / "target", TINY.end).sql(open_counts)
    assert list(written.open_tickets) == [1, 1, 0], written
    full, _ = daily_full_refresh(db, tmp_path, raw, TINY.end)
    pd.testing.assert_frame_equal(written, Build(raw, full, tmp_path / "target", TINY.end).sql(open_counts))
    assert compare(full, db, ["marts", "intermediate"]), "the late tickets change the days before the cut"

    recomputed = run_dbt(daily, db, tmp_path / "target", raw, TINY.end,
                         extra_vars={"recompute_from": str(min(day, opened.normalize()).date())}).stdout
    assert "late raw rows" not in recomputed, recomputed[-3000:]
    assert compare(full, db, ["marts", "intermediate"]) == []


def _corrupt_largest_column_chunk(path) -> None:
    """Overwrites 2,000 bytes in the middle of the file's largest column chunk (a disk or
    transfer fault): the footer still reads, the values do not."""
    offset, size = duckdb.connect().execute(
        "select data_page_offset, total_compressed_size from parquet_metadata(?)"
        " order by total_compressed_size desc limit 1", [str(path)]).fetchall()[0]
    with open(path, "r+b") as handle:
        handle.seek(offset + size // 2)
        handle.write(b"\0" * 2000)


def test_apostrophe_path_and_corrupt_parquet(tmp_path, tiny):
    """A raw_path holding an apostrophe reads as itself. Each raw file is read in full once
    while it is new or changed, so a corrupt export stops the run in raw registration with
    the file named on the line before the read error, before any model runs; an unchanged
    file is not read again."""
    raw = tmp_path / "o'brien raw"
    shutil.copytree(tiny.raw, raw)
    db = tmp_path / "w.duckdb"
    shutil.copy(tiny.db, db)
    select = ["run", "--select", "stg_product__features"]
    first = run_dbt(select, db, tmp_path / "target", raw, TINY.end)
    checked = {line.split("raw file check: reading ")[1].split(" (")[0]
               for line in first.stdout.splitlines() if "raw file check: reading" in line}
    assert checked == {str(path) for path in raw.glob("[!_]*/*.parquet")}, first.stdout[-3000:]
    build = Build(raw, db, tiny.target, TINY.end)
    assert build.sql("select count(*) as n from raw_product.tracks").n[0] == tiny.sql(
        "select count(*) as n from raw_product.tracks").n[0] > 0

    again = run_dbt(select, db, tmp_path / "target", raw, TINY.end)
    assert "raw file check: reading" not in again.stdout

    _corrupt_largest_column_chunk(raw / "product" / "tracks.parquet")
    failed = run_dbt(select, db, tmp_path / "target", raw, TINY.end, check=False)
    assert failed.returncode != 0
    lines = failed.stdout.splitlines()
    checks = [i for i, line in enumerate(lines) if "raw file check: reading" in line]
    assert len(checks) == 1 and f"{raw}/product/tracks.parquet (product.tracks)" in lines[checks[0]]
    assert "corrupt" in lines[checks[0]] and "Encountered an error" in failed.stdout, failed.stdout[-3000:]
    assert "START sql" not in failed.stdout  # no model ran
