"""Build the project on Spark (the `spark` target, dbt-spark session mode), Python models included.

    python -m health_harness.spark_build [dbt build options, e.g. --vars "{raw_path: data/raw}"]

dbt-spark does not run dbt Python models outside Databricks, and two validation models are
Python (`val_metric_groups`, `val_proposed_weights`: scipy and pandas). So the build runs in
three steps in one process, on one SparkSession:

1. `dbt build --target spark`, leaving out the Python models and everything that reads them;
2. each Python model's own `model(dbt, session)` function, here: `dbt.ref(name).df()` reads the
   Spark table into pandas (after `.filter(condition)`, only the rows a SQL condition holds
   for), and the data frame it returns is written as the model's table;
3. `dbt build --target spark` of what reads them (their tests included).

The options given are passed to both dbt builds. With `--selector NAME` (selectors.yml, e.g.
`daily` each morning, `validation` weekly) the three steps build only what the selector
holds: `dbt ls` names its nodes, and each step selects its share of them by name.
README "Running on Spark".
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class _Relation:
    """What `dbt.ref(...)` returns in a Python model: `.filter(condition)` keeps the rows
    a SQL condition holds for and `.project("a, b")` the columns named (in Spark, as
    DuckDB's relations do), `.df()` gives the rows as pandas."""

    def __init__(self, session, name: str, condition: str | None = None, columns: list[str] | None = None):
        self._session, self._name, self._condition, self._columns = session, name, condition, columns

    def filter(self, condition: str) -> "_Relation":
        kept = condition if self._condition is None else f"({self._condition}) and ({condition})"
        return _Relation(self._session, self._name, kept, self._columns)

    def project(self, columns: str) -> "_Relation":
        return _Relation(self._session, self._name, self._condition, [c.strip() for c in columns.split(",")])

    def df(self):
        table = self._session.table(self._name)
        table = table if self._condition is None else table.filter(self._condition)
        return (table if self._columns is None else table.select(*self._columns)).toPandas()


class _Dbt:
    """The part of dbt's Python-model interface the project's Python models use."""

    def __init__(self, session, relations: dict[str, str]):
        self._session, self._relations = session, relations

    def ref(self, name: str) -> _Relation:
        return _Relation(self._session, self._relations[name])

    def config(self, **_settings) -> None:
        """Materialisation settings: every Python model here is a table."""


def _invoke(runner, args: list[str]):
    result = runner.invoke(args)
    if not result.success:
        raise SystemExit(f"dbt {' '.join(args[:1])} failed on Spark: {result.exception or 'see the log above'}")
    return result


def run_python_models(session, manifest, names: list[str]) -> None:
    """Runs each Python model's `model(dbt, session)` and writes what it returns as its table."""
    relations = {node.name: f"{node.schema}.{node.alias}" for node in manifest.nodes.values()
                 if node.resource_type in ("model", "seed")}
    for node in manifest.nodes.values():
        if node.resource_type != "model" or node.name not in names:
            continue
        spec = importlib.util.spec_from_file_location(node.name, ROOT / node.original_file_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        frame = module.model(_Dbt(session, relations), session)
        session.sql(f"create schema if not exists {node.schema}")
        session.createDataFrame(frame).write.mode("overwrite").saveAsTable(relations[node.name])
        print(f"Python model {node.name}: {len(frame)} rows written to {relations[node.name]} on Spark", flush=True)


PARSE_OPTIONS = ("--vars", "--target-path", "--profiles-dir", "--project-dir")


def _parse_options(options: list[str]) -> list[str]:
    """The options dbt parse also takes (the rest, e.g. --full-refresh, are build's only)."""
    kept = []
    for i, option in enumerate(options):
        if option.split("=")[0] in PARSE_OPTIONS:
            kept += [option] if "=" in option else options[i:i + 2]
    return kept


def _pop_selector(options: list[str]) -> tuple[str | None, list[str]]:
    """The `--selector NAME` among the options, and the options without it."""
    for i, option in enumerate(options):
        if option == "--selector":
            return options[i + 1], options[:i] + options[i + 2:]
        if option.startswith("--selector="):
            return option.split("=", 1)[1], options[:i] + options[i + 1:]
    return None, options


# what `dbt build` runs; a selection of exposures or saved queries alone would start a
# build that runs only the project's hooks (on Spark about 14 s)
BUILT = ("model", "seed", "snapshot", "test", "unit_test")


def _names(runner, selection: list[str], options: list[str]) -> set[str]:
    """The names of the nodes of a selection that a build runs (`dbt ls --output name`,
    not printed)."""
    types = [option for kind in BUILT for option in ("--resource-type", kind)]
    return set(_invoke(runner, ["ls", "--target", "spark", "--output", "name", "--log-level", "none",
                                *types, *selection, *_parse_options(options)]).result)


def steps(python_models: list[str], readers: set[str], selected: set[str] | None) -> list[list[str]]:
    """The selection of each step: the build without the Python models and their readers,
    the Python models, the build of their readers. With a selector (`selected`: its node
    names; `readers`: the Python models and every node after them) each step keeps its
    share of it, and a step with nothing to do is empty; without one, `readers` is unused."""
    if selected is None:
        after = [f"{name}+" for name in python_models]
        return [["--exclude", *after], python_models, ["--select", *after, "--exclude", *python_models]]
    first = sorted(selected - readers)
    third = sorted((selected & readers) - set(python_models))
    return [["--select", *first] if first else [],
            [name for name in python_models if name in selected],
            ["--select", *third] if third else []]


def main(argv: list[str] | None = None) -> int:
    from dbt.cli.main import dbtRunner

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    selector, options = _pop_selector(list(sys.argv[1:] if argv is None else argv))
    manifest = _invoke(dbtRunner(), ["parse", "--target", "spark", *_parse_options(options)]).result
    runner = dbtRunner(manifest=manifest)
    python_models = sorted(node.name for node in manifest.nodes.values()
                           if node.resource_type == "model" and node.language == "python")
    readers, selected = set(), None  # without a selector the steps select by graph operators
    if selector:
        readers = _names(runner, ["--select", *(f"{name}+" for name in python_models)], options)
        selected = _names(runner, ["--selector", selector], options)
    first, python_step, third = steps(python_models, readers, selected)
    if first:
        _invoke(runner, ["build", "--target", "spark", *first, *options])
    if python_step:
        from pyspark.sql import SparkSession

        # dbt-spark's session: the same process, so getOrCreate returns it with the profile's settings
        run_python_models(SparkSession.builder.getOrCreate(), manifest, python_step)
    if third:
        _invoke(runner, ["build", "--target", "spark", *third, *options])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
