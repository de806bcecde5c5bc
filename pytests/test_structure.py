"""Project structure rules over target/manifest.json (the ideas of dbt-project-evaluator)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = {"staging": ("base_", "stg_"), "intermediate": ("int_",), "marts": ("dim_", "fct_", "rpt_"),
            "validation": ("val_",)}
# Exceptions need a reason. model name -> why it may skip the primary-key test
NO_PRIMARY_KEY = {
    "fct_quarantined_rows": "one row per rejected raw row; a raw row can lack any key",
    "int_product_tracks_quarantined": "the product events' rows of fct_quarantined_rows",
}


@pytest.fixture(scope="module")
def models(tiny):
    nodes = tiny.manifest()["nodes"]
    return {n["name"]: n for n in nodes.values() if n["resource_type"] == "model"}


@pytest.fixture(scope="module")
def tests_by_model(tiny):
    out: dict[str, list[dict]] = {}
    for node in tiny.manifest()["nodes"].values():
        if node["resource_type"] == "test":
            for dep in node["depends_on"]["nodes"]:
                out.setdefault(dep.split(".")[-1], []).append(node)
    return out


def _layer(node) -> str:
    return Path(node["original_file_path"]).parts[1]


def test_models_are_named_by_folder(models):
    for name, node in models.items():
        assert name.startswith(PREFIXES[_layer(node)]), f"{node['original_file_path']}: prefix"


def test_sources_are_read_only_in_staging(models):
    for name, node in models.items():
        if any(d.startswith("source.") for d in node["depends_on"]["nodes"]):
            assert name.startswith("base_"), f"{name} reads a source outside staging base models"


def test_staging_models_do_not_depend_on_other_staging(models):
    for name, node in models.items():
        deps = [d.split(".")[-1] for d in node["depends_on"]["nodes"] if d.startswith("model.")]
        if name.startswith("base_"):
            # a base model reads only its source (and, when incremental, itself)
            assert deps == [], f"{name} depends on models {deps}"
        if name.startswith("stg_"):
            assert deps == ["base_" + name[4:]], f"{name} must read only its own base model, reads {deps}"


def test_no_upstream_layer_reads_downstream(models):
    order = ["staging", "intermediate", "marts", "validation"]
    for name, node in models.items():
        for dep in node["depends_on"]["nodes"]:
            if dep.startswith("model."):
                dep_node = models[dep.split(".")[-1]]
                assert order.index(_layer(dep_node)) <= order.index(_layer(node)), f"{name} <- {dep}"


def test_every_model_documents_its_grain(models):
    for name, node in models.items():
        text = node["description"]
        if "{{ doc(" in node.get("raw_code", "") or not text:
            text = text or ""
        assert re.search(r"one row per", text, re.I), f"{name}: description must state the grain"


def test_every_model_tests_its_primary_key(models, tests_by_model):
    for name in models:
        if name.startswith("base_") or name in NO_PRIMARY_KEY:
            continue
        kinds = {t["test_metadata"]["name"] for t in tests_by_model.get(name, []) if t.get("test_metadata")}
        assert {"unique", "not_null"} <= kinds or "unique_combination_of_columns" in kinds, \
            f"{name}: no primary-key test ({sorted(kinds)})"


def test_bi_marts_enforce_contracts_and_document_columns(models):
    for name, node in models.items():
        if _layer(node) == "marts" and name.startswith(("dim_", "rpt_customer")):
            assert node["config"]["contract"]["enforced"], name
            for col, spec in node["columns"].items():
                assert spec.get("description") and spec.get("data_type"), f"{name}.{col}"


def test_every_mart_is_checked_for_personal_data(models, tiny):
    checked = {node["attached_node"] for node in tiny.manifest()["nodes"].values()
               if node["resource_type"] == "test"
               and (node.get("test_metadata") or {}).get("name") == "no_personal_data"}
    marts = {node["unique_id"] for node in models.values() if _layer(node) == "marts"}
    assert marts and not marts - checked, sorted(marts - checked)


def test_no_model_reads_the_wall_clock():
    for path in (ROOT / "models").rglob("*.sql"):
        text = path.read_text().lower()
        assert not re.search(r"current_date|current_timestamp|now\(\)|getdate\(", text), path


def test_each_macro_file_is_named_after_its_macro():
    for path in (ROOT / "macros").rglob("*.sql"):
        names = re.findall(r"{%-?\s*macro\s+(\w+)", path.read_text())
        public = [n for n in names if not re.match(r"(default|duckdb|spark)__", n)]
        assert path.stem in public, f"{path}: defines {names}"


def test_raw_contract_doc_is_current():
    from health_harness.contract_doc import DOC, render

    assert DOC.read_text() == render(), "docs/RAW_CONTRACT.md is stale: run `make docs`"


def test_every_macro_is_documented_with_its_arguments():
    import yaml

    documented = {m["name"]: m for m in yaml.safe_load((ROOT / "macros" / "_macros.yml").read_text())["macros"]}
    for path in (ROOT / "macros").rglob("*.sql"):
        for name, args in re.findall(r"{%-?\s*macro\s+(\w+)\(([^)]*)\)", path.read_text()):
            if re.match(r"(default|duckdb|spark)__", name):
                continue
            assert name in documented and documented[name].get("description"), f"{path}: {name} undocumented"
            wanted = [a.split("=")[0].strip() for a in args.split(",") if a.strip()]
            got = [a["name"] for a in documented[name].get("arguments", [])]
            assert got == wanted, f"{name}: documented arguments {got} != {wanted}"
