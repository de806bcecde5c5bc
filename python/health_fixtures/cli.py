"""Command line: `health-fixtures --size demo --out data/raw` (see --help)."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .generate import generate
from .profiles import SIZES
from .writer import FORMATS


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="health-fixtures",
        description="Generate raw customer-health fixture data (the project's raw contract) "
                    "with a ground-truth folder, seeded and reproducible.")
    p.add_argument("--size", choices=sorted(SIZES), default="demo",
                   help="preset for --accounts/--start/--end (tiny: tests, demo: ~2,000 accounts "
                        "over 18 months, large: 20,000 accounts for benchmarks)")
    p.add_argument("--accounts", type=int, help="number of accounts (overrides --size)")
    p.add_argument("--start", help="first day of data, YYYY-MM-DD (overrides --size)")
    p.add_argument("--end", help="last day of data and default as-of date (overrides --size)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--format", choices=FORMATS, default="parquet", help="raw file format")
    p.add_argument("--out", type=Path, required=True, help="output folder (the dbt var raw_path)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    size = SIZES[args.size]
    if args.out.exists():
        shutil.rmtree(args.out)
    progress = (lambda msg: None) if args.quiet else (lambda msg: print(f"[fixtures] {msg}", flush=True))
    generate(args.accounts or size.accounts, args.start or size.start, args.end or size.end,
             args.seed, args.out, args.format, progress)
    return 0


if __name__ == "__main__":
    sys.exit(main())
