"""Scores a flat account export (the one-file format of source document 003).

    health-score-export FILE [--db PATH]

FILE is a .csv or .parquet with columns account_id, mrr, logins_30d, features_used,
open_tickets, nps_score, days_since_last_login. It runs `dbt build` on the flat-export
models only (the same scoring macros and seeds as the warehouse score, config set
`flat_export`) into a DuckDB file of its own, so the warehouse is left alone, then
prints score, tier, colour and drivers per account, and the rows it could not use with
the rule each broke.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "warehouse" / "flat_export.duckdb"
SELECT = ["+rpt_flat_export_scores", "base_flat_export__account_metrics", "int_available_submetrics"]


def build(export: Path, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1", "HEALTH_DUCKDB_PATH": str(db),
           "DBT_PROFILES_DIR": str(ROOT / "profiles")}
    db.parent.mkdir(parents=True, exist_ok=True)
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt), "build", "--select", *SELECT, "--indirect-selection", "cautious", "--target-path", str(db.parent / "flat_export_target"),
           "--vars", json.dumps({"flat_export_file": str(export), "raw_path": str(db.parent / "no-raw"),
                                    "allow_empty_raw_path": True})]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


def report(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        scores = con.sql("""
            select account_id, round(health_score, 1) as score, health_tier as tier,
                   health_colour as colour, tier_action as action, risk_drivers, strengths
            from marts.rpt_flat_export_scores order by health_score desc nulls last""")
        rejected = con.sql("""
            select quarantine_rule, count(*) as rows, string_agg(coalesce(account_id, '(none)'), ', ') as accounts
            from staging.base_flat_export__account_metrics
            where quarantine_rule is not null group by all order by 1""").fetchall()
        version = con.sql("select max(score_version) from marts.rpt_flat_export_scores").fetchall()[0][0]
        lines = [scores.df().to_string(index=False, na_rep="-"), f"score version {version}"]
        total = con.sql("select count(*) from staging.base_flat_export__account_metrics").fetchall()[0][0]
        used = con.sql("select count(*) from marts.rpt_flat_export_scores").fetchall()[0][0]
        lines.append(f"{total} rows read, {used} scored, {total - used} kept aside")
        lines += [f"  {rule}: {n} row(s) ({accounts})" for rule, n, accounts in rejected]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="the export, .csv or .parquet")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"DuckDB file to build into (default {DEFAULT_DB})")
    opts = parser.parse_args(argv)
    export = opts.file.resolve()
    if not export.is_file():
        print(f"health-score-export: no such file: {export}", file=sys.stderr)
        return 2
    proc = build(export, opts.db.resolve())
    if proc.returncode != 0:
        errors = [line for line in proc.stdout.splitlines() if "Error" in line or "error" in line]
        print("\n".join(errors[-15:]) or proc.stdout[-3000:], file=sys.stderr)
        return proc.returncode
    print(report(opts.db.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
