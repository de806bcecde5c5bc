"""Benchmark: generator, full build, next-day build and no-change rerun at each size,
as ratios to a floor measured in the same run.

    python -m health_harness.bench [--sizes demo 5k large] [--workdir DIR] [--out DIR]

For each size it generates the fixtures up to the size's last day and measures:
- the floor: one DuckDB pass over the raw events counting events and users per
  account-day, and the same plus 30-day trailing sums per account-day (the least a
  daily score needs);
- `dbt build` from scratch as of the day before the last (the full build), with its
  ten slowest nodes;
- `dbt build --selector daily` as of the last day on that database (the next-day run a
  team schedules every morning: incremental day-grain models, no validation), with its
  ten slowest nodes, and the same command again (a rerun with nothing new);
- of each of the three, dbt's run phase (from run_results.json: the seconds after
  start-up and parsing, which the next-day target is set against) and its nodes'
  seconds by kind (models, data tests, seeds, ...). At the tiny size (0.2 M events)
  the run phase is what dbt and the queries cost at almost no data;
- the pandas recomputation of the config set's metrics from the staged rows
  (pytests/metric_recompute.py, what the tests compare the warehouse with): the peer a
  CS analyst would write. It runs in a child process capped at --pandas-memory-gb;
  above that it is reported as out of memory, not run on the machine's last byte.
Every step prints its seconds, its ratio to the floor and its peak memory. Ratios
travel across machines better than seconds. The results go to a JSON file named
after the commit (`make bench-compare` compares two) and to an SVG chart of time and
memory against events, both in --out (bench/results by default). The latest results
and the targets are in the README ("Performance"); earlier ones in docs/BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from health_fixtures.profiles import SIZES
from health_harness.bench_chart import write_chart

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
# the two floors' labels; the report keeps their seconds as floor_seconds and
# floor_trailing_seconds (bench_compare prints them under these labels too)
FLOOR_LABEL = "floor: events per account-day (DuckDB)"
TRAILING_LABEL = "floor: + 30-day trailing sums"
PROFILE = ROOT / "profiles" / "profiles.yml"
# tiny first: its 0.2 M events leave what dbt and the queries cost at almost no data
DEFAULT_SIZES = ["tiny", "demo", "5k", "large"]
# run_phase's kinds of node, from the first part of a node's unique id
NODE_KINDS = {"model": "models", "test": "data tests", "unit_test": "unit tests", "seed": "seeds",
              "operation": "hooks"}
OUT_OF_MEMORY = ("MemoryError", "Unable to allocate", "Out of Memory", "bad_alloc")


def _timed(cmd: list[str], env: dict, limit_gb: float | None = None) -> tuple[float, float, str]:
    """Seconds, peak resident memory (GB) and status ('ok' or 'out of memory') of one
    child process; any other failure stops the benchmark with the child's output."""
    def cap():
        if limit_gb:
            size = int(limit_gb * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=cap)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            log.seek(0)
            text = log.read()
            # under the cap an allocation fails as a Python MemoryError, a DuckDB
            # out-of-memory error, or an abort of the C++ runtime (a signal)
            if limit_gb and (code < 0 or any(m in text for m in OUT_OF_MEMORY)):
                return seconds, usage.ru_maxrss / 1024**2, "out of memory"
            sys.exit(f"{' '.join(cmd[:4])} failed:\n{text[-4000:]}")
    return seconds, usage.ru_maxrss / 1024**2, "ok"


def memory_limit() -> str:
    """DuckDB's memory limit for the builds: HEALTH_DUCKDB_MEMORY_LIMIT, else (unset or
    empty) the profile's default. The floors run under the same limit as the builds
    they are compared with."""
    default = re.search(r"env_var\('HEALTH_DUCKDB_MEMORY_LIMIT', ''\) or '([^']+)'", PROFILE.read_text())
    if default is None:
        sys.exit(f"{PROFILE}: no default for HEALTH_DUCKDB_MEMORY_LIMIT in memory_limit")
    return os.environ.get("HEALTH_DUCKDB_MEMORY_LIMIT") or default.group(1)


def dbt_env(db: Path) -> dict:
    """The environment of a dbt command with the project's profile writing `db` (the
    bench's builds and the profile tests)."""
    return {**os.environ, "DO_NOT_TRACK": "1", "HEALTH_DUCKDB_PATH": str(db),
            "DBT_PROFILES_DIR": str(ROOT / "profiles")}


def check_profile() -> None:
    """Stop before any size runs when dbt cannot load the profile: a malformed
    HEALTH_DUCKDB_* variable, which the profile names (pytests/test_profile.py), would
    otherwise surface as DuckDB's error in the floors, after the fixtures."""
    dbt = str(Path(sys.executable).with_name("dbt"))
    with tempfile.TemporaryDirectory(prefix="health-bench-profile-") as tmp:
        _timed([dbt, "debug", "--connection", "--log-path", tmp], dbt_env(Path(tmp) / "check.duckdb"))


def _floors(raw: Path) -> tuple[float, float]:
    """Seconds of the two floors: events and users per account-day, and that plus
    30-day trailing sums per account-day."""
    per_day = f"""
        select account_id, cast(event_timestamp as date) as day, count(*) as events,
               count(distinct user_id) as users
        from read_parquet('{raw}/product/tracks.parquet') group by all"""
    con = duckdb.connect(config={"memory_limit": memory_limit()})
    t0 = time.perf_counter()
    con.execute(f"select count(*), sum(events) from ({per_day})").fetchall()
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    con.execute(f"""
        select count(*), sum(events_30d), sum(users_30d) from (
            select sum(events) over w as events_30d, sum(users) over w as users_30d
            from ({per_day})
            window w as (partition by account_id order by day
                         range between interval 29 days preceding and current row))""").fetchall()
    trailing = time.perf_counter() - t0
    con.close()
    return floor, trailing


def step_kind(label: str) -> str:
    """A step's label without its parenthesised detail: 'dbt build, full (as of ...)' and
    'pandas peer: the metrics (out of memory)' compare with the same steps of any run
    (bench_compare)."""
    return label.split(" (")[0]


def _run_results(target: Path) -> dict:
    """dbt's run_results.json of the command that wrote into target."""
    return json.loads((target / "run_results.json").read_text())


def slowest(results: dict, count: int = 10) -> list[tuple[str, float]]:
    """The count slowest nodes of one dbt command (its run_results), with their seconds."""
    ranked = sorted(results["results"], key=lambda r: -r["execution_time"])[:count]
    return [(r["unique_id"].split(".", 2)[-1], round(r["execution_time"], 1)) for r in ranked]


def run_phase(results: dict) -> dict:
    """dbt's run phase of one command (its run_results): the seconds from its first node
    to its last, after start-up and parsing, which the next-day target is set against
    (README "Performance"); and the seconds its nodes took, by kind. Two nodes run at a
    time, so the nodes' seconds add up to as much as twice the phase."""
    kinds = dict.fromkeys([*NODE_KINDS.values(), "other nodes"], 0.0)
    for result in results["results"]:
        kinds[NODE_KINDS.get(result["unique_id"].split(".")[0], "other nodes")] += result["execution_time"]
    return {"seconds": round(results["elapsed_time"], 1),
            "node_seconds": {kind: round(secs, 1) for kind, secs in kinds.items() if round(secs, 1)}}


def _dbt_build(bin_dir: Path, work: Path, raw: Path, as_of: str, env: dict, name: str, *args: str):
    target = work / f"target-{name}"
    seconds, peak, _ = _timed([str(bin_dir / "dbt"), "build", *args, "--target-path", str(target),
                               "--log-path", str(work / "logs"),
                               "--vars", json.dumps({"raw_path": str(raw), "as_of_date": as_of})], env)
    return seconds, peak, target


def _pandas_peer(db: Path, as_of: str, limit_gb: float, env: dict) -> tuple[float, float, str]:
    code = f"""
import sys
sys.path.insert(0, {str(ROOT / 'pytests')!r})
import duckdb, pandas as pd
from metric_recompute import expected_metrics, source_frames, spine
con = duckdb.connect({str(db)!r}, read_only=True)
sql = lambda q: con.sql(q).df()
catalogue = pd.read_csv({str(ROOT / 'seeds' / 'metrics' / 'metric_catalogue.csv')!r}).set_index('metric')
computed = sql("select * from intermediate.int_account_metrics_daily limit 0")
names = [c for c in computed.columns if c in catalogue.index]
days = spine(sql)
expected_metrics(catalogue, days, source_frames(sql, days, {as_of!r}), names)
"""
    return _timed([sys.executable, "-c", code], env, limit_gb=limit_gb)


def _git_commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    return (proc.stdout.strip() or "unknown") + ("-dirty" if dirty.strip() else "")


def run_size(name: str, work: Path, pandas_gb: float) -> dict:
    size = SIZES[name]
    raw, db = work / "raw", work / "bench.duckdb"
    bin_dir = Path(sys.executable).parent
    env = dbt_env(db)
    last = dt.date.fromisoformat(size.end)
    day_before = (last - dt.timedelta(days=1)).isoformat()
    print(f"\nsize {name}: {size.accounts:,} accounts, {size.start} .. {size.end}", flush=True)
    steps = {}
    steps["generate raw fixtures"] = _timed([str(bin_dir / "health-fixtures"), "--size", name, "--out", str(raw),
                                             "--quiet"], env)[:2]
    events = json.loads((raw / "_truth" / "manifest.json").read_text())["row_counts"]["product/tracks"]
    floor, trailing = _floors(raw)
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)
    daily = ("--selector", "daily")
    full, next_day = f"dbt build, full (as of {day_before})", f"daily run, next day (as of {size.end})"
    builds = {full: (day_before, "full", ()), next_day: (size.end, "next", daily),
              "daily run, same day again": (size.end, "again", daily)}
    ran = {}
    for label, (as_of, folder, args) in builds.items():
        seconds, peak, target = _dbt_build(bin_dir, work, raw, as_of, env, folder, *args)
        steps[label], ran[label] = (seconds, peak), _run_results(target)
    pandas_s, pandas_gb, pandas_status = _pandas_peer(db, size.end, pandas_gb, env)
    steps[f"pandas peer: the metrics ({pandas_status})"] = (pandas_s, pandas_gb)
    rows = [(FLOOR_LABEL, floor, None), (TRAILING_LABEL, trailing, None)] + [
        (k, s, gb) for k, (s, gb) in steps.items()]
    print(f"{events:,} events\n{'step':48s} {'seconds':>9s} {'x floor':>8s} {'peak GB':>8s}")
    for label, secs, gb in rows:
        peak = f"{gb:8.1f}" if gb is not None else f"{'':8s}"
        print(f"{label:48s} {secs:9.1f} {secs / floor:8.1f} {peak}")
    phases = {label: run_phase(results) for label, results in ran.items()}
    print("dbt's run phase (after start-up and parsing) and its nodes' seconds by kind"
          " (two run at a time):")
    for label, phase in phases.items():
        kinds = ", ".join(f"{kind} {secs:.1f}" for kind, secs in phase["node_seconds"].items())
        print(f"  {step_kind(label):32s} {phase['seconds']:7.1f} s: {kinds}")
    ranked = {"full_build_slowest": slowest(ran[full]), "next_day_slowest": slowest(ran[next_day])}
    for key, title in (("full_build_slowest", "the full build"), ("next_day_slowest", "the next-day run")):
        print(f"slowest nodes of {title} (seconds; two run at a time):")
        for node, secs in ranked[key]:
            print(f"  {secs:7.1f}  {node}")
    return {"accounts": size.accounts, "events": events, "floor_seconds": round(floor, 2),
            "floor_trailing_seconds": round(trailing, 2),
            "steps": {k: {"seconds": round(s, 1), "x_floor": round(s / floor, 1), "peak_gb": round(gb, 2),
                          **({"run_phase": phases[k]} if k in phases else {})}
                      for k, (s, gb) in steps.items()},
            **ranked}


def _full_build(result: dict) -> dict:
    return next(v for k, v in result["steps"].items() if k.startswith("dbt build, full"))


def growth(results: dict, small: str = "5k", big: str = "large") -> tuple[float, float, float, float] | None:
    """How the full build grows from one size to the next, from a report's sizes: the
    events ratio, the time ratio, its exponent (1.0 is linear in events) and the peak
    memory ratio; None unless both sizes ran."""
    if small not in results or big not in results:
        return None
    events = results[big]["events"] / results[small]["events"]
    before, after = _full_build(results[small]), _full_build(results[big])
    time_ratio = after["seconds"] / before["seconds"]
    return events, time_ratio, math.log(time_ratio) / math.log(events), after["peak_gb"] / before["peak_gb"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=DEFAULT_SIZES)
    ap.add_argument("--workdir", type=Path,
                    help="keep each size's data and database under DIR/<size> (default: temporary, removed)")
    ap.add_argument("--out", type=Path, default=RESULTS,
                    help="folder for the JSON results and the chart")
    ap.add_argument("--pandas-memory-gb", type=float, default=12.0,
                    help="address-space cap of the pandas peer (default 12)")
    args = ap.parse_args(argv)
    check_profile()
    commit = _git_commit()
    report = {"commit": commit, "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                          "memory_limit": memory_limit()},
              "sizes": {}}
    for name in args.sizes:
        if args.workdir:
            work = args.workdir / name
            work.mkdir(parents=True, exist_ok=True)
            report["sizes"][name] = run_size(name, work, args.pandas_memory_gb)
        else:
            # the large size writes about 10 GB: never leave it behind, even when a step fails
            with tempfile.TemporaryDirectory(prefix=f"health-bench-{name}-") as work:
                report["sizes"][name] = run_size(name, Path(work), args.pandas_memory_gb)
    grown = growth(report["sizes"])
    if grown:
        events, time_ratio, exponent, memory = grown
        print(f"\n5k -> large: {events:.2f}x events; full build {time_ratio:.2f}x time "
              f"(exponent {exponent:.2f}) and {memory:.2f}x peak memory")
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{report['date'][:10]}-{commit}"
    (args.out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    write_chart(report, args.out / f"{stem}.svg")
    print(f"\nresults: {args.out / (stem + '.json')}\nchart:   {args.out / (stem + '.svg')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
