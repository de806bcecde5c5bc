"""The docs site (`make docs`; issue 16): `dbt docs generate` compiles every node, the
seed checks and data-quality tests included, on a database with no tables yet (a fresh
clone before its first build), and on a built warehouse its catalogue describes the
marts' columns. dbt's dry run (`--empty`) of the whole project builds on such a database too."""
from __future__ import annotations

import json
import shutil

import duckdb

from conftest import TINY, run_dbt


def test_docs_generate_on_an_empty_database(tmp_path):
    target = tmp_path / "target"
    proc = run_dbt(["docs", "generate", "--static"], tmp_path / "empty.duckdb", target,
                   tmp_path / "no_raw_yet", TINY.end)
    assert "Catalog written" in proc.stdout, proc.stdout[-3000:]
    manifest = json.loads((target / "manifest.json").read_text())
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    assert len(tests) > 300 and all(n.get("compiled_code") is not None for n in tests)
    assert json.loads((target / "catalog.json").read_text())["nodes"] == {}
    assert (target / "static_index.html").stat().st_size > 100_000


def test_docs_catalogue_of_a_built_warehouse(tiny, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny.db, db)
    target = tmp_path / "target"
    run_dbt(["docs", "generate"], db, target, tiny.raw, tiny.as_of)
    catalog = json.loads((target / "catalog.json").read_text())["nodes"]
    columns = catalog["model.customer_health.rpt_account_health"]["columns"]
    assert {"account_id", "health_score"} <= {name.lower() for name in columns}
    marts = [key for key, node in catalog.items() if node["metadata"]["schema"] == "marts"]
    assert len(marts) >= 20


def test_empty_build_checks_the_sql_without_rows(tiny, tmp_path):
    """`dbt build --empty` (dbt reads no rows: a dry run of the SQL, as a CI job makes
    against a new warehouse) builds every node, the daily run's and the validation's, on a
    database with no tables. The checks that need a row (a settings seed's one row, the
    configured config set, the raw-row reconciliation, the weight fits' observations) have
    nothing to check then, and pass; the weight fits write no row, with their columns."""
    db = tmp_path / "empty_run.duckdb"
    proc = run_dbt(["build", "--empty"], db, tmp_path / "target", tiny.raw, tiny.as_of)
    assert "ERROR=0" in proc.stdout and "SKIP=0" in proc.stdout and "WARN=0" in proc.stdout, proc.stdout[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select count(*) from marts.rpt_account_health").fetchone()[0]
        seed_rows = con.execute("select count(*) from scoring_config.driver_settings").fetchone()[0]
        review = con.execute("select count(*) from validation.val_weight_review").fetchone()[0]
        weight_types = con.execute("""select data_type from information_schema.columns
                                      where table_name = 'val_proposed_weights' and column_name = 'note'""").fetchone()
    assert rows == 0 and seed_rows == 1 and review == 0 and weight_types == ("VARCHAR",)
