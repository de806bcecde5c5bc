"""Compares the marts and validation tables of two builds of the same raw data.

    python -m health_harness.compare_builds BEFORE.duckdb AFTER.duckdb [--schemas marts validation]
        [--ignore score_version]

For every table of the schemas: the row count; a hash of every row's non-float columns
(order-free: the sum of the row hashes), which must be equal; and for each float column
the sum and the sum of squares, which must agree to a relative 1e-9. Floats are compared
by their sums because two engines, or two query plans, may add the same numbers in a
different order and differ in the last bit; a row hash of a rounded float flips when the
value sits on a rounding half. Prints one line per table that differs (or has columns
only one side has) and exits 1 when any does. --ignore leaves columns out, such as
score_version when the change edited a seed the version hashes but no number moved.
Tables that log the runs themselves (RUN_LOGS: marts.fct_raw_loads, marts.fct_seed_checksums)
differ between one build and a sequence of runs by design and are left out.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import duckdb

FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")
RUN_LOGS = ("fct_raw_loads", "fct_seed_checksums")


def columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> dict[str, str]:
    rows = con.execute("""select column_name, data_type from information_schema.columns
                          where table_catalog = ? and table_schema = ? and table_name = ?
                          order by ordinal_position""", [catalog, schema, table]).fetchall()
    return dict(rows)


def fingerprint(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str,
                shared: dict[str, str]) -> tuple[int, int, dict[str, tuple[float, float]]]:
    exact = [c for c, t in shared.items() if t not in FLOAT_TYPES]
    floats = [c for c, t in shared.items() if t in FLOAT_TYPES]
    row_text = " || '|' || ".join(f"coalesce(cast({c} as varchar), '~')" for c in exact) or "''"
    sums = ", ".join(f"sum({c}), sum({c} * {c})" for c in floats)
    result = con.execute(f"select count(*), sum(hash({row_text})::hugeint){', ' + sums if sums else ''} "
                         f"from {catalog}.{schema}.{table}").fetchall()[0]
    per_float = {c: (result[2 + 2 * i], result[3 + 2 * i]) for i, c in enumerate(floats)}
    return result[0], result[1], per_float


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(before: Path, after: Path, schemas: list[str], ignore: tuple[str, ...] = ()) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before (read_only)")
    con.execute(f"attach '{after}' as after (read_only)")
    found = []
    tables = con.execute(f"""select table_schema, table_name from information_schema.tables
                            where table_catalog = 'before' and table_schema in ({', '.join('?' * len(schemas))})
                            order by 1, 2""", schemas).fetchall()
    for schema, table in tables:
        if table in RUN_LOGS:
            continue
        cols_before = columns(con, "before", schema, table)
        cols_after = columns(con, "after", schema, table)
        if not cols_after:
            found.append(f"{schema}.{table}: only in {before.name}")
            continue
        shared = {c: t for c, t in cols_before.items() if c in cols_after and c not in ignore}
        rows_b, hash_b, floats_b = fingerprint(con, "before", schema, table, shared)
        rows_a, hash_a, floats_a = fingerprint(con, "after", schema, table, shared)
        problems = []
        if rows_b != rows_a:
            problems.append(f"rows {rows_b} vs {rows_a}")
        elif hash_b != hash_a:
            problems.append("non-float values differ")
        problems += [f"{c} sums differ" for c in floats_b
                     if not (close(floats_b[c][0], floats_a[c][0]) and close(floats_b[c][1], floats_a[c][1]))]
        added = sorted(set(cols_after) - set(cols_before))
        dropped = sorted(set(cols_before) - set(cols_after))
        if added:
            problems.append(f"new columns {', '.join(added)}")
        if dropped:
            problems.append(f"dropped columns {', '.join(dropped)}")
        if problems:
            found.append(f"{schema}.{table}: {'; '.join(problems)}")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--schemas", nargs="+", default=["marts", "validation"])
    ap.add_argument("--ignore", nargs="+", default=[], help="columns to leave out of the comparison")
    args = ap.parse_args(argv)
    found = compare(args.before, args.after, args.schemas, tuple(args.ignore))
    for line in found:
        print(line)
    print(f"{'no' if not found else len(found)} table(s) differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
