"""`health-dashboard`: copies the built warehouse to a snapshot the dashboard reads, then
serves the Streamlit app on 127.0.0.1 until stopped. The snapshot leaves the warehouse
free for the next `dbt build`; run the command again to show a newer build."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from health_dashboard import DB_ENV
from health_harness.warehouse_path import warehouse_path

APP = Path(__file__).with_name("app.py")


def snapshot(db: Path) -> Path:
    if not db.exists():
        raise SystemExit(f"{db}: no warehouse there; run `make demo` (or dbt build) first")
    copy = db.with_name(db.stem + ".dashboard.duckdb")
    shutil.copyfile(db, copy)
    return copy


def command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false",
            "--client.toolbarMode", "minimal"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=warehouse_path(),
                        help="the built warehouse")
    parser.add_argument("--port", type=int, default=8501)
    args = parser.parse_args(argv)
    copy = snapshot(args.db)
    print(f"dashboard: http://127.0.0.1:{args.port}/ (pages portfolio, account, actions, cohorts, "
          f"validation) reading {copy}", flush=True)
    # the process becomes the server, so stopping it (Ctrl-C, kill) stops Streamlit
    argv = command(args.port)
    os.execve(argv[0], argv, {**os.environ, DB_ENV: str(copy)})


if __name__ == "__main__":
    raise SystemExit(main())
