"""Shared fixtures: generate the tiny fixture data once and build it once per session."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from health_fixtures.generate import generate
from health_fixtures.profiles import SIZES

ROOT = Path(__file__).resolve().parents[1]
DBT = str(Path(sys.executable).with_name("dbt"))
TINY = SIZES["tiny"]
SEED = 42


@dataclass
class Build:
    raw: Path
    db: Path
    target: Path
    as_of: str

    def sql(self, query: str) -> pd.DataFrame:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.sql(query).df()

    def truth(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(self.raw / "_truth" / f"{name}.parquet")

    def manifest(self) -> dict:
        return json.loads((self.target / "manifest.json").read_text())


def run_dbt(args: list[str], db: Path, target: Path, raw: Path, as_of: str,
            check: bool = True, extra_vars: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1", "HEALTH_DUCKDB_PATH": str(db),
           "DBT_PROFILES_DIR": str(ROOT / "profiles")}
    cmd = [DBT, *args, "--target-path", str(target), "--log-path", str(target / "logs"),
           "--vars", json.dumps({"raw_path": str(raw), "as_of_date": as_of, **(extra_vars or {})})]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}")
    return proc


def build_tiny(tmp: Path, fmt: str = "parquet", drop_systems: tuple[str, ...] = ()) -> Build:
    raw = tmp / "raw"
    generate(TINY.accounts, TINY.start, TINY.end, SEED, raw, fmt, progress=lambda _: None)
    for system in drop_systems:
        for f in (raw / system).iterdir():
            f.unlink()
        (raw / system).rmdir()
    build = Build(raw=raw, db=tmp / "warehouse.duckdb", target=tmp / "target", as_of=TINY.end)
    run_dbt(["build"], build.db, build.target, raw, TINY.end)
    return build


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Build:
    """The tiny fixtures (Parquet), built once: every mart test reads this database."""
    return build_tiny(tmp_path_factory.mktemp("tiny"))
