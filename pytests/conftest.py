"""Shared fixtures: generate the tiny fixture data once and build it once per session."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import csv
import shutil

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from health_fixtures.generate import generate
from health_fixtures.profiles import SIZES
from health_harness.bench import dbt_env

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
    project: Path = ROOT

    def sql(self, query: str) -> pd.DataFrame:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.sql(query).df()

    def truth(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(self.raw / "_truth" / f"{name}.parquet")

    def manifest(self) -> dict:
        return json.loads((self.target / "manifest.json").read_text())


def run_dbt(args: list[str], db: Path, target: Path, raw: Path, as_of: str,
            check: bool = True, extra_vars: dict | None = None) -> subprocess.CompletedProcess:
    env = dbt_env(db)
    cmd = [DBT, *args, "--target-path", str(target), "--log-path", str(target / "logs"),
           "--vars", json.dumps({"raw_path": str(raw), "as_of_date": as_of, **(extra_vars or {})})]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}")
    return proc


def daily_full_refresh(db: Path, tmp: Path, raw: Path, as_of: str) -> tuple[Path, subprocess.CompletedProcess]:
    """`db` copied to tmp/full.duckdb and rebuilt there by `dbt build --selector daily
    --full-refresh` on `raw` as of `as_of`: what daily runs on the same files must equal
    (compare_builds). Returns the copy and dbt's run."""
    full = tmp / "full.duckdb"
    shutil.copy(db, full)
    proc = run_dbt(["build", "--selector", "daily", "--full-refresh"], full, tmp / "target_full", raw, as_of)
    return full, proc


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


def copy_raw(src: Path, dest: Path, edit: Callable[[Path, pa.Table], pa.Table] = lambda path, table: table) -> Path:
    """The raw Parquet files of `src` (not the generator's truth) copied to `dest`, each table
    passed through `edit(path, table)` on the way (to plant a fault in one file)."""
    for path in src.rglob("*.parquet"):
        if "_truth" in path.parts:
            continue
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(edit(path, pq.read_table(path)), target)
    return dest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files marked long_running first, longest first, then the rest in collection
    order: `make test` hands whole files to its workers in this order (--dist loadfile
    --no-loadscope-reorder), so the Spark build does not start last and run alone."""
    def minutes(item: pytest.Item) -> float:
        marker = item.get_closest_marker("long_running")
        return marker.kwargs.get("minutes", 1) if marker else 0
    items.sort(key=lambda item: -minutes(item))


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Build:
    """The tiny fixtures (Parquet), built once: every mart test reads this database."""
    return build_tiny(tmp_path_factory.mktemp("tiny"))


SCRATCH_SKIP = {".venv", ".git", "target", "logs", "data", "warehouse", ".pytest_cache", "pytests", "python"}


def scratch_project(tmp: Path) -> Path:
    """A copy of the dbt project (no environment, builds, data or Python packages) to edit seeds in."""
    project = tmp / "project"
    project.mkdir()
    for item in ROOT.iterdir():
        if item.name in SCRATCH_SKIP:
            continue
        (shutil.copytree if item.is_dir() else shutil.copy)(item, project / item.name)
    return project


def append_seed_rows(project: Path, seed: str, rows: list[dict]) -> None:
    """Appends rows (missing columns empty) to a seed CSV of the scratch project."""
    path = next(project.glob(f"seeds/*/{seed}.csv"))
    with path.open() as f:
        fields = next(csv.reader(f))
    with path.open("a", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writerows({k: row.get(k, "") for k in fields} for row in rows)


# Test config set `kinds`: account_daily with usage_depth (zscore, log) and feature_adoption
# (percentile) scored by fitted normalisation, plus one metric of every catalogue kind and
# source the shipped configs leave out, at weight 0 in the financial component (so they are
# computed and scored without moving the score). The catalogue rows below exist only here.
KINDS_CATALOGUE = [
    {"metric": "record_value_sum_30d", "kind": "sum", "source": "events", "filter": "event_name=Record Created",
     "value_column": "event_value", "window_days": "30"},
    {"metric": "record_value_mean_30d", "kind": "mean", "source": "events", "filter": "event_name=Record Created",
     "value_column": "event_value", "window_days": "30"},
    {"metric": "exports_14d", "kind": "count", "source": "events", "filter": "event_name=Report Exported",
     "window_days": "14"},
    {"metric": "exports_change_14d", "kind": "change", "input_metric": "exports_14d", "window_days": "14"},
    {"metric": "exports_total", "kind": "count", "source": "events", "filter": "event_name=Report Exported"},
    {"metric": "exports_per_month", "kind": "per_tenure", "input_metric": "exports_total", "window_days": "30"},
    {"metric": "exporting_users_total", "kind": "distinct_count", "source": "events",
     "filter": "event_name=Report Exported", "value_column": "user_id"},
    {"metric": "urgent_tickets_60d", "kind": "count", "source": "tickets", "filter": "priority=urgent|high",
     "window_days": "60"},
    {"metric": "latest_sentiment_60d", "kind": "latest", "source": "tickets", "value_column": "sentiment_score",
     "window_days": "60"},
]
for _row in KINDS_CATALOGUE:
    _row.update(direction="higher_is_better", label=_row["metric"], value_format="decimal",
                driver_text="{value}", description="test metric")
KINDS_EXTRA_SCORING = {
    # sub-metric: (method, transform or parameters)
    "record_value_sum_30d": {"method": "zscore", "transform": "auto"},
    "record_value_mean_30d": {"method": "percentile", "transform": "none"},
    "exports_change_14d": {"method": "range_rescale", "range_min": "-1", "range_max": "1"},
    "exports_per_month": {"method": "zscore", "transform": "log"},
    "exporting_users_total": {"method": "linear_to_target", "target": "3"},
    "urgent_tickets_60d": {"method": "inverse", "range_min": "0", "range_max": "3"},
    "latest_sentiment_60d": {"method": "range_rescale", "range_min": "-1", "range_max": "1"},
    "days_since_last_event": {"method": "inverse", "range_min": "0", "range_max": "30"},
    "event_types_used_28d": {"method": "percentile", "transform": "none"},
    "tenure_days": {"method": "zscore", "transform": "none"},
    "renewal_due_90d": {"method": "range_rescale", "range_min": "0", "range_max": "1"},
    "days_to_renewal": {"method": "inverse", "range_min": "0", "range_max": "365"},
    "mrr": {"method": "zscore", "transform": "log"},
}
KINDS_FITTED = {"usage_depth": {"method": "zscore", "transform": "log", "target": "", "trend_factor": "",
                                "trend_metric": ""},
                "feature_adoption": {"method": "percentile", "transform": "none", "target": ""}}


def _add_event_values(raw: Path) -> None:
    """Record Created events carry a value (0 to 9.8, by row), so sum and mean have something to add."""
    path = raw / "product" / "tracks.parquet"
    tracks = pd.read_parquet(path)
    tracks["event_value"] = np.where(tracks.event == "Record Created", (np.arange(len(tracks)) % 50) / 5.0, np.nan)
    tracks.to_parquet(path, index=False)


def build_kinds(tmp: Path, raw: Path) -> Build:
    """The scratch project with config set `kinds` built on `raw` (copied, event values added)."""
    project = scratch_project(tmp)
    append_seed_rows(project, "metric_catalogue", KINDS_CATALOGUE)
    shipped = pd.read_csv(ROOT / "seeds" / "scoring" / "scoring_submetrics.csv", dtype=str, keep_default_na=False)
    rows = []
    for row in shipped[shipped.config_set == "account_daily"].to_dict("records"):
        rows.append({**row, "config_set": "kinds", **KINDS_FITTED.get(row["submetric"], {})})
    rows += [{"config_set": "kinds", "submetric": name, "component": "financial", "weight": "0",
              "is_enabled": "true", **spec} for name, spec in KINDS_EXTRA_SCORING.items()]
    append_seed_rows(project, "scoring_submetrics", rows)
    bands = pd.read_csv(ROOT / "seeds" / "scoring" / "scoring_bands.csv", dtype=str, keep_default_na=False)
    append_seed_rows(project, "scoring_bands",
                     bands[bands.config_set == "account_daily"].assign(config_set="kinds").to_dict("records"))
    append_seed_rows(project, "scoring_segment_weight_sets", [
        {"config_set": "kinds", "segment": s, "weight_set": "standard", "allow_component_over_40": "false"}
        for s in ("enterprise", "mid_market", "smb", "starter")])
    copied = tmp / "raw"
    shutil.copytree(raw, copied)
    _add_event_values(copied)
    build = Build(raw=copied, db=tmp / "kinds.duckdb", target=tmp / "target", as_of=TINY.end, project=project)
    run_dbt(["build", "--project-dir", str(project)], build.db, build.target, copied, TINY.end,
            extra_vars={"scoring_config_set": "kinds"})
    return build


@pytest.fixture(scope="session")
def kinds(tiny, tmp_path_factory) -> Build:
    """The tiny fixtures scored by the test config set `kinds` (every metric kind, fitted
    normalisation), built once."""
    return build_kinds(tmp_path_factory.mktemp("kinds"), tiny.raw)
