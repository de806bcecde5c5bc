"""The profile: its settings reach DuckDB and dbt, a malformed one stops with the variable named,
an empty one counts as unset, and the database file's folder is made (README "Daily and weekly
runs, memory and threads")."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import DBT, ROOT, run_dbt
from health_harness.bench import check_profile, dbt_env, memory_limit

SETTINGS_SQL = ("select current_setting('memory_limit') as memory_limit, "
                "current_setting('temp_directory') as temp_directory, "
                "current_setting('preserve_insertion_order') as preserve_insertion_order")


def _settings_dbt_uses(tmp_path, log: list[str] | None = None) -> dict:
    """SETTINGS_SQL's row as `dbt show --output json` printed it (a JSON object after the
    log lines), with the profile and the current environment; `log` gets the output."""
    proc = run_dbt(["show", "--inline", SETTINGS_SQL, "--output", "json", "--log-format", "text"],
                   tmp_path / "w.duckdb", tmp_path / "target", tmp_path / "raw", "2026-03-31")
    text = proc.stdout
    if log is not None:
        log.append(text)
    start = text.find('{\n  "show"')
    assert start >= 0, f"no dbt show output:\n{text[-3000:]}"
    return json.JSONDecoder().raw_decode(text[start:])[0]["show"][0]


def _dbt_debug(tmp_path, db: Path | str, *args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """`dbt debug` with the project's profile writing `db`, and `env` on top of the
    current environment."""
    return subprocess.run([DBT, "debug", *args, "--log-path", str(tmp_path / "logs")],
                          cwd=cwd, env={**dbt_env(db), **env}, capture_output=True, text=True)


def _as_duckdb_shows(limit: str) -> str:
    """A memory limit as current_setting('memory_limit') prints it ('2.5GB' -> '2.3 GiB')."""
    with duckdb.connect(config={"memory_limit": limit}) as con:
        return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_memory_limit_and_temp_directory_come_from_the_environment(tmp_path, monkeypatch):
    spill = tmp_path / "spill"
    monkeypatch.setenv("HEALTH_DUCKDB_MEMORY_LIMIT", "1500MB")
    monkeypatch.setenv("HEALTH_DUCKDB_TEMP_DIR", str(spill))
    assert _settings_dbt_uses(tmp_path) == {"memory_limit": _as_duckdb_shows("1500MB"),
                                            "temp_directory": str(spill),
                                            "preserve_insertion_order": False}


def test_the_default_memory_limit_is_the_one_the_bench_reads(tmp_path, monkeypatch):
    """Without HEALTH_DUCKDB_MEMORY_LIMIT the builds run under the profile's default, and
    `make bench` measures its floors under that same limit."""
    monkeypatch.delenv("HEALTH_DUCKDB_MEMORY_LIMIT", raising=False)
    assert memory_limit() == "2.5GB"  # README "Daily and weekly runs, memory and threads"
    assert _settings_dbt_uses(tmp_path)["memory_limit"] == _as_duckdb_shows("2.5GB")


def test_an_empty_variable_counts_as_unset(tmp_path, monkeypatch):
    """HEALTH_DUCKDB_* set but empty (as a blank line in an env file leaves them) gives
    the profile's defaults, not DuckDB's "Memory must have a number" or, for the path,
    a database in memory that the run would throw away."""
    for name in ("HEALTH_DUCKDB_MEMORY_LIMIT", "HEALTH_DUCKDB_TEMP_DIR", "HEALTH_DUCKDB_THREADS"):
        monkeypatch.setenv(name, "")
    assert memory_limit() == "2.5GB"
    db = tmp_path / "w.duckdb"
    assert _settings_dbt_uses(tmp_path) == {"memory_limit": _as_duckdb_shows("2.5GB"),
                                            "temp_directory": f"{db}.tmp",
                                            "preserve_insertion_order": False}
    # dbt debug connects: the default path, relative to where dbt runs, gets the file
    (tmp_path / "warehouse").mkdir()
    proc = _dbt_debug(tmp_path, "", "--project-dir", str(ROOT), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (tmp_path / "warehouse" / "customer_health.duckdb").exists()


def test_temp_directory_is_set_once_when_the_database_opens(tmp_path):
    """dbt-duckdb runs a profile's `settings` as SETs on every model's cursor, and DuckDB
    refuses to switch temp_directory once a spill has used it (even to the same folder):
    at the large size every model after the first spill failed. So it is a config_option."""
    spill = str(tmp_path / "t")
    with duckdb.connect(str(tmp_path / "w.duckdb"), config={"memory_limit": "64MB", "temp_directory": spill}) as con:
        con.sql("select count(distinct i::varchar) from range(3000000) t(i)").fetchall()
        assert any(tmp_path.joinpath("t").iterdir()), "the query was meant to spill"
        with pytest.raises(duckdb.Error, match="temporary directory"):
            con.cursor().execute(f"set temp_directory = '{spill}'")
    output = yaml.safe_load((ROOT / "profiles" / "profiles.yml").read_text())["customer_health"]["outputs"]["duckdb"]
    assert "temp_directory" not in (output.get("settings") or {})
    assert {"memory_limit", "temp_directory"} <= set(output["config_options"])


@pytest.mark.parametrize("limit, threads", [("3g", "3"), ("1.5 GiB", " 1 "), ("50%", "2")])
def test_the_sizes_and_threads_the_profile_takes_reach_duckdb_and_dbt(tmp_path, monkeypatch, limit, threads):
    monkeypatch.setenv("HEALTH_DUCKDB_MEMORY_LIMIT", limit)
    monkeypatch.setenv("HEALTH_DUCKDB_THREADS", threads)
    log: list[str] = []
    assert _settings_dbt_uses(tmp_path, log)["memory_limit"] == _as_duckdb_shows(limit)
    assert f"Concurrency: {int(threads)} threads" in log[0]


@pytest.mark.parametrize("name, value", [
    ("HEALTH_DUCKDB_MEMORY_LIMIT", "3 gigs"),  # DuckDB: "Unknown unit for memory", in a traceback
    ("HEALTH_DUCKDB_MEMORY_LIMIT", "1GB extra"),  # DuckDB: 1GB, the rest ignored
    ("HEALTH_DUCKDB_MEMORY_LIMIT", "-1"),  # DuckDB: no limit
    ("HEALTH_DUCKDB_MEMORY_LIMIT", "120%"),
    ("HEALTH_DUCKDB_THREADS", "two"),  # Jinja's int filter: 0, then a traceback from dbt
    ("HEALTH_DUCKDB_THREADS", "0"),
    ("HEALTH_SPARK_MEMORY", "2 GB"),  # Java: "Invalid maximum heap size", then a failed connection
])
def test_a_malformed_setting_stops_with_the_variable_named(tmp_path, name, value):
    """The profile checks its variables before dbt opens the database: the error names
    the variable, the form it takes and the value given, without a traceback."""
    db = tmp_path / "w.duckdb"
    target = ["--target", "spark"] if name.startswith("HEALTH_SPARK") else []
    proc = _dbt_debug(tmp_path, db, "--connection", *target, **{name: value})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output[-3000:]
    assert f'{name} as a ' in output and f'not "{value}"' in output, output[-3000:]
    assert "Traceback" not in output
    assert not db.exists()


def test_duckdb_alone_misreads_the_sizes_the_profile_refuses():
    """Why the profile has its own rule rather than DuckDB's: DuckDB takes these
    without an error (the profile's comment)."""
    assert _as_duckdb_shows("1GB extra") == _as_duckdb_shows("1GB")
    assert _as_duckdb_shows("-1") == _as_duckdb_shows("none") != _as_duckdb_shows("100%")


def test_the_bench_stops_on_a_malformed_setting_before_any_size_runs(monkeypatch):
    monkeypatch.setenv("HEALTH_DUCKDB_MEMORY_LIMIT", "3 gigs")
    with pytest.raises(SystemExit, match='HEALTH_DUCKDB_MEMORY_LIMIT as a size .* not "3 gigs"'):
        check_profile()


def _spark_target_as_rendered() -> dict:
    """The profile's spark target as dbt renders it with the current environment, without
    starting Spark (dbt debug would, about 40 s)."""
    from dbt.config.profile import read_profile
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context
    set_invocation_context(dict(os.environ))
    return ProfileRenderer({}).render_data(read_profile(str(ROOT / "profiles"))["customer_health"]["outputs"]["spark"])


def test_an_empty_spark_variable_counts_as_unset(monkeypatch, tmp_path):
    """HEALTH_SPARK_DIR and HEALTH_SPARK_SCHEMA set but empty give the defaults, as the
    HEALTH_DUCKDB_* ones do: an empty folder put Spark's tables and metastore at the file
    system's root (/tables, /metastore_db), and an empty schema a target without one."""
    for name in ("HEALTH_SPARK_DIR", "HEALTH_SPARK_SCHEMA", "HEALTH_SPARK_MEMORY"):
        monkeypatch.delenv(name, raising=False)
    defaults = _spark_target_as_rendered()
    assert defaults["schema"] == "health"
    assert defaults["server_side_parameters"]["spark.sql.warehouse.dir"] == "warehouse/spark/tables"
    for name in ("HEALTH_SPARK_DIR", "HEALTH_SPARK_SCHEMA", "HEALTH_SPARK_MEMORY"):
        monkeypatch.setenv(name, "")
    assert _spark_target_as_rendered() == defaults
    monkeypatch.setenv("HEALTH_SPARK_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTH_SPARK_SCHEMA", "cs")
    chosen = _spark_target_as_rendered()
    assert chosen["schema"] == "cs"
    assert chosen["server_side_parameters"]["spark.hadoop.javax.jdo.option.ConnectionURL"] == (
        f"jdbc:derby:;databaseName={tmp_path}/metastore_db;create=true")


def test_the_database_folder_is_created_when_missing(tmp_path):
    """HEALTH_DUCKDB_PATH in a folder that does not exist yet (a fresh clone has no
    warehouse/) gets the folder, which only the Makefile made; before, DuckDB stopped
    with "Cannot open file ... No such file or directory" in a 234-line traceback. A
    folder that cannot be made is named with the variable."""
    db = tmp_path / "new" / "folder" / "w.duckdb"
    proc = _dbt_debug(tmp_path, db, "--connection")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert db.exists()

    (tmp_path / "a_file").write_text("")
    proc = _dbt_debug(tmp_path, tmp_path / "a_file" / "w.duckdb", "--connection")
    assert proc.returncode != 0
    assert (f"HEALTH_DUCKDB_PATH: cannot create the folder {tmp_path / 'a_file'} of the database file "
            f"{tmp_path / 'a_file' / 'w.duckdb'}: ") in proc.stdout, proc.stdout[-3000:]
