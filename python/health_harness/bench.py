"""Benchmark: generator and `dbt build` at a size, as ratios to a baseline from the same run.

The baseline is the least work the pipeline must do: one DuckDB pass over the raw
events that counts them per account and day. Ratios (step time / baseline time)
travel across machines better than seconds; compare them between commits.
`python -m health_harness.bench --size large` (what `make bench` runs).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from health_fixtures.profiles import SIZES

ROOT = Path(__file__).resolve().parents[2]


def _timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak resident memory (GB) of one child process."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"{' '.join(cmd[:3])} failed:\n{log.read()[-4000:]}")
    return seconds, usage.ru_maxrss / 1024**2


def _baseline(raw: Path) -> float:
    t0 = time.perf_counter()
    duckdb.sql(f"""
        select account_id, cast(event_timestamp as date) as day, count(*) as events,
               count(distinct user_id) as users
        from read_parquet('{raw}/product/tracks.parquet') group by all""").fetchall()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), default="large")
    ap.add_argument("--workdir", type=Path,
                    help="keep data and database here (default: a temporary folder, removed at the end)")
    args = ap.parse_args(argv)
    if args.workdir:
        status = _run(SIZES[args.size], args.size, args.workdir)
        print(f"\ndata and database kept in {args.workdir}")
        return status
    # the large size writes about 10 GB: never leave it behind, even when a step fails
    with tempfile.TemporaryDirectory(prefix="health-bench-") as work:
        return _run(SIZES[args.size], args.size, Path(work))


def _run(size, size_name: str, work: Path) -> int:
    raw, db = work / "raw", work / "bench.duckdb"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "DO_NOT_TRACK": "1", "HEALTH_DUCKDB_PATH": str(db),
           "DBT_PROFILES_DIR": str(ROOT / "profiles")}
    print(f"benchmark at size {size_name}: {size.accounts:,} accounts, {size.start} .. {size.end}")
    gen_s, gen_gb = _timed([str(bin_dir / "health-fixtures"), "--size", size_name, "--out", str(raw),
                            "--quiet"], env)
    events = json.loads((raw / "_truth" / "manifest.json").read_text())["row_counts"]["product/tracks"]
    base_s = _baseline(raw)
    if db.exists():
        db.unlink()
    build_s, build_gb = _timed([str(bin_dir / "dbt"), "build", "--target-path", str(work / "target"),
                                "--log-path", str(work / "logs"),
                                "--vars", json.dumps({"raw_path": str(raw), "as_of_date": size.end})], env)
    rows = [("baseline: events per account-day (DuckDB)", base_s, None),
            ("generate raw fixtures", gen_s, gen_gb),
            ("dbt build (all models and tests)", build_s, build_gb)]
    print(f"\n{events:,} events\n{'step':45s} {'seconds':>9s} {'x baseline':>11s} {'peak GB':>8s}")
    for name, secs, gb in rows:
        peak = f"{gb:8.1f}" if gb is not None else f"{'':8s}"
        print(f"{name:45s} {secs:9.1f} {secs / base_s:11.1f} {peak}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
