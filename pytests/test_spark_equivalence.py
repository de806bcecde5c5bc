"""The same project on Spark: the tiny fixtures built with `--target spark` (dbt-spark session
mode, health_harness.spark_build) give every mart and validation table of the DuckDB build
row for row: the same columns and rows, numbers within 1e-9 (relative above 1; TOLERANCE),
texts and days equal. README "Running on Spark"; docs/DECISIONLOG.md 33.

Spark builds the way a team runs it: a first morning run the day before the fixtures' last
day (`--selector daily` on an empty warehouse builds every daily table), then the last
day's morning run recomputed from RECOMPUTE_FROM on (var recompute_from, what a team runs
after late data: docs/DEFINITIONS.md 6; the incremental models keep the days before it as
the first run wrote them, replace the days after it and append the new one) and the weekly
run (`--selector validation`: the Python models included). A plain next-day run differs
from that run only in its cut day (its lookback instead of RECOMPUTE_FROM), and a separate
one cost CI five minutes; that a sequence of plain daily runs gives the rows of a full
build is pytests/test_incremental.py's. The first run leaves out the data and unit tests,
to keep `make test` within CI's time: the last day's two runs hold every test of the
project, and they check the rows compared here. DuckDB's one full build of the last day is
the reference.

Spark writes its tables as Parquet under HEALTH_SPARK_DIR/tables/<schema>.db/<table>, so
DuckDB reads both sides."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from conftest import DBT, ROOT
from health_harness.compare_builds import RUN_LOGS
from health_harness.spark_build import steps

pytestmark = pytest.mark.long_running(minutes=18)  # in CI on two workers; conftest.py orders by it

SCHEMAS = ("marts", "validation")
# One unit of the 9th decimal, to which both engines round the metrics (exact_decimal): a
# value whose 10th decimal is a 5 in binary rounds down on one engine and up on the other
# (0.2666666665: 0.266666666 on DuckDB, 0.266666667 on Spark). The 1e-12 is the binary
# error of the difference itself (1.0000000000287557e-09).
TOLERANCE = 1e-9 + 1e-12
# Models run two at a time, as on a cluster's target with several threads: models that
# write shared state at once (the recomputed-days log, scratch tables) would clash.
THREADS = 2
# The last day's run recomputes the tiny fixtures' days from this one on (2025-07-01 to
# 2026-03-31): three months, over which accounts churn and restart.
RECOMPUTE_FROM = "2026-01-01"


def _spark_env(folder: Path) -> dict[str, str]:
    """The environment of a local Spark build whose metastore and tables go under folder."""
    return {**os.environ, "DO_NOT_TRACK": "1", "DBT_PROFILES_DIR": str(ROOT / "profiles"),
            "HEALTH_SPARK_DIR": str(folder), "SPARK_LOCAL_IP": "127.0.0.1"}


def _day_before(tiny) -> str:
    """The as-of day of the first run on Spark: the day before the fixtures' last."""
    return str((pd.Timestamp(tiny.as_of) - pd.Timedelta(days=1)).date())


@pytest.fixture(scope="module")
def spark(tiny, tmp_path_factory):
    """The tiny fixtures built on Spark, once: the daily selector without tests as of the
    day before the last, then the daily selector with recompute_from and the validation
    selector as of the last day. The folder holding Spark's tables."""
    work = tmp_path_factory.mktemp("spark")
    env = _spark_env(work)
    untested = ["--exclude", "resource_type:test", "resource_type:unit_test"]
    day_before, recompute = _day_before(tiny), {"recompute_from": RECOMPUTE_FROM}
    runs = [(day_before, ["--selector", "daily", *untested], {}),
            (tiny.as_of, ["--selector", "daily"], recompute), (tiny.as_of, ["--selector", "validation"], {})]
    for as_of, selection, extra_vars in runs:
        cmd = [sys.executable, "-m", "health_harness.spark_build", *selection, "--threads", str(THREADS),
               "--target-path", str(work / "target"), "--log-path", str(work / "logs"),
               "--vars", json.dumps({"raw_path": str(tiny.raw), "as_of_date": as_of, **extra_vars})]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise AssertionError(f"the Spark build as of {as_of} {selection} {extra_vars} failed:\n"
                                 f"{proc.stdout[-8000:]}\n{proc.stderr[-3000:]}")
    return work / "tables"


def _tables(tiny) -> list[tuple[str, str]]:
    return [tuple(row) for row in tiny.sql(
        "select table_schema, table_name from information_schema.tables where table_schema in "
        f"{SCHEMAS} and table_type = 'BASE TABLE' order by 1, 2").itertuples(index=False)]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order whatever the engine wrote: by every column, numbers rounded."""
    keys = frame.copy()
    for column in keys.columns:
        if pd.api.types.is_float_dtype(keys[column]):
            keys[column] = keys[column].round(6)
        keys[column] = keys[column].astype(str)
    order = keys.sort_values(list(keys.columns)).index
    return frame.loc[order].reset_index(drop=True)


def differences(duck: pd.DataFrame, spark: pd.DataFrame) -> list[str]:
    """What differs between two versions of one table, in words (empty when equal)."""
    if list(duck.columns) != list(spark.columns):
        return [f"columns {list(duck.columns)} != {list(spark.columns)}"]
    if len(duck) != len(spark):
        return [f"{len(duck)} rows on DuckDB, {len(spark)} on Spark"]
    duck, spark = _sorted(duck), _sorted(spark)
    found = []
    for column in duck.columns:
        a, b = duck[column], spark[column]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b) \
                and not pd.api.types.is_bool_dtype(a):
            x, y = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            same = (np.isnan(x) & np.isnan(y)) | (np.abs(x - y) <= TOLERANCE * np.maximum(1, np.abs(x)))
        else:
            same = (a.isna() & b.isna()) | (a.astype(str) == b.astype(str))
        if not same.all():
            i = int(np.argmin(same))
            found.append(f"{column}: {int((~same).sum())} rows differ, e.g. {a.tolist()[i]!r} != {b.tolist()[i]!r}")
    return found


def test_every_mart_and_validation_table_is_equal_on_spark(tiny, spark):
    tables = _tables(tiny)
    assert len(tables) > 40, tables
    report = {}
    with duckdb.connect() as con:
        for schema, name in tables:
            if name in RUN_LOGS:  # one row per run: test_the_run_log_holds_every_run
                continue
            folder = spark / f"{schema}.db" / name
            if not folder.is_dir():
                report[f"{schema}.{name}"] = ["not built on Spark"]
                continue
            duck = tiny.sql(f"select * from {schema}.{name}")
            theirs = con.sql(f"select * from read_parquet('{folder}/*.parquet')").df()
            theirs.columns = [c.lower() for c in theirs.columns]
            found = differences(duck, theirs[[c for c in duck.columns if c in theirs.columns]]
                                if set(duck.columns) == set(theirs.columns) else theirs)
            if found:
                report[f"{schema}.{name}"] = found
    assert not report, "\n".join(f"{table}: {'; '.join(found)}" for table, found in report.items())


def test_the_run_log_holds_every_run_and_no_scratch_table_is_left(tiny, spark):
    """fct_raw_loads logs each run's raw tables and fct_seed_checksums its seeds: the two
    daily runs on Spark, each with the raw tables and seeds of DuckDB's one run. The first
    run kept the days up to its lookback (3 days of seed incremental_settings) before its
    as-of day, the recompute_from run only the days before RECOMPUTE_FROM. The daily runs'
    scratch tables (<model>__dbt_kept, rewrite_through_scratch) are dropped once written
    back, and each day-grain model's log of what it wrote is its own table, holding the
    day the last run kept."""
    runs = duckdb.sql(f"""select run_number, as_of_date, list(source_table order by source_table) as tables,
                                 min(last_day_kept) as first_kept, max(last_day_kept) as last_kept
                          from read_parquet('{spark}/marts.db/fct_raw_loads/*.parquet')
                          group by all order by run_number""").df()
    ours = tiny.sql("select list(source_table order by source_table) as tables from marts.fct_raw_loads")
    day_before = _day_before(tiny)
    assert runs.run_number.tolist() == [1, 2]
    assert [str(day.date()) for day in runs.as_of_date] == [day_before, tiny.as_of]
    assert all(list(tables) == list(ours.tables[0]) for tables in runs.tables), runs
    assert (runs.first_kept == runs.last_kept).all(), runs
    lookback = pd.Timedelta(days=3)
    assert [str(day.date()) for day in runs.last_kept] == [
        str((pd.Timestamp(day_before) - lookback).date()),
        str((pd.Timestamp(RECOMPUTE_FROM) - pd.Timedelta(days=1)).date())]
    assert not sorted(spark.glob("*.db/*__dbt_kept")), "scratch tables left after the daily run"
    # each day-grain model's own recomputed-days log (spark__recomputed_days_log), written
    # by its pre-hook while other models ran: the last run's kept day, its rows only
    logs = duckdb.sql(f"""select model_name, regexp_extract(filename, 'recomputed_days__([a-z_0-9]+)/', 1) as table_of,
                                 max(recomputed_after) filter (where account_id is null) as kept
                          from read_parquet('{spark}/pipeline_log.db/recomputed_days__*/*.parquet', filename = true)
                          group by all order by model_name""").df()
    models = tiny.sql("select distinct model_name from pipeline_log.recomputed_days order by model_name")
    assert logs.model_name.tolist() == models.model_name.tolist()
    assert (logs.model_name == logs.table_of).all(), logs
    assert {str(day.date()) for day in logs.kept} == {str(runs.last_kept.iloc[-1].date())}, logs
    # fct_seed_checksums logs each run's seeds, the same on both engines
    seeds = duckdb.sql(f"""select run_number, list((seed_name, seed_checksum) order by seed_name) as seeds
                           from read_parquet('{spark}/marts.db/fct_seed_checksums/*.parquet')
                           group by all order by run_number""").df()
    ours = tiny.sql("select list((seed_name, seed_checksum) order by seed_name) as seeds from marts.fct_seed_checksums")
    assert seeds.run_number.tolist() == [1, 2]
    assert all(list(logged) == list(ours.seeds[0]) for logged in seeds.seeds), seeds


def test_no_step_of_the_spark_builds_runs_only_the_hooks(spark):
    """A step selects only nodes a build runs: the daily selector holds an exposure after
    the Python models, which once made a third step that ran the project's hooks alone."""
    log = (spark.parent / "logs" / "dbt.log").read_text(errors="replace")
    finished = re.findall(r"Finished running ([^\n]*?) in \d+ hours", log)
    assert len(finished) == 4, finished  # two daily runs, the weekly run's two builds
    assert not [line for line in finished if "model" not in line and "test" not in line], finished


def test_differences_names_the_column_and_a_row():
    duck = pd.DataFrame({"account_id": ["a", "b"], "score": [1.0, 2.0], "tier": ["x", "y"]})
    assert differences(duck, duck.iloc[::-1].copy()) == []
    nudged = duck.assign(score=[1.0, 2.0 + 1e-9])
    assert differences(duck, nudged) == []
    assert differences(duck, duck.assign(score=[1.0, 2.0 + 3e-9])) == [
        "score: 1 rows differ, e.g. 2.0 != 2.000000003"]
    moved = duck.assign(score=[1.0, 2.1], tier=["x", "z"])
    assert differences(duck, moved) == ["score: 1 rows differ, e.g. 2.0 != 2.1", "tier: 1 rows differ, e.g. 'y' != 'z'"]
    assert differences(duck, duck.head(1)) == ["2 rows on DuckDB, 1 on Spark"]


def test_plain_dbt_on_spark_stops_before_a_python_model(tiny, tmp_path):
    """dbt-spark runs no Python model outside Databricks: `dbt build --target spark` that
    selects one stops in on-run-start, naming it and the way round, before any model."""
    cmd = [DBT, "build", "--target", "spark",
           "--select", "val_proposed_weights+", "--target-path", str(tmp_path / "target"),
           "--log-path", str(tmp_path / "logs"),
           "--vars", json.dumps({"raw_path": str(tiny.raw), "as_of_date": tiny.as_of})]
    proc = subprocess.run(cmd, cwd=ROOT, env=_spark_env(tmp_path), capture_output=True, text=True)
    assert proc.returncode != 0
    assert "selects val_proposed_weights on a Spark target with no `cluster`" in proc.stdout, proc.stdout[-3000:]
    assert "health_harness.spark_build" in proc.stdout and "--exclude val_proposed_weights+" in proc.stdout
    assert not sorted(tmp_path.glob("tables/*.db/val_*")), "a model was built"


def test_a_selector_splits_into_the_three_steps():
    python, readers = ["fit"], {"fit", "review", "not_null_review_x", "report"}
    assert steps(python, readers, None) == [
        ["--exclude", "fit+"], ["fit"], ["--select", "fit+", "--exclude", "fit"]]
    # the daily selector holds none of the Python models' readers: one plain build
    assert steps(python, readers, {"stg_a", "mart_b"}) == [["--select", "mart_b", "stg_a"], [], []]
    weekly = {"fit", "review", "not_null_review_x", "val_lift"}
    assert steps(python, readers, weekly) == [
        ["--select", "val_lift"], ["fit"], ["--select", "not_null_review_x", "review"]]
