# Two commands set everything up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SIZE ?= demo
RAW_PATH ?= $(CURDIR)/data/raw
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)/profiles
# set but empty counts as unset, as in the profile
export HEALTH_DUCKDB_PATH := $(or $(HEALTH_DUCKDB_PATH),$(CURDIR)/warehouse/customer_health.duckdb)
DBT := $(BIN)/dbt

.PHONY: help venv fixtures build demo test pytest lint docs bench bench-compare report metrics dashboard dashboard-screenshots chromium java spark fightchurn clean

help:
	@echo "make demo   - create .venv, generate demo data, dbt build, show results"
	@echo "make test   - every check: pytest (builds tiny fixtures), sqlfluff lint"
	@echo "make build  - dbt build on RAW_PATH=$(RAW_PATH) into HEALTH_DUCKDB_PATH"
	@echo "make bench  - full, next-day and rerun build timings at tiny, demo, 5k and large against a floor (BENCH_SIZES=demo for one)"
	@echo "make bench-compare - two bench results side by side (BEFORE=a.json AFTER=b.json; default the two latest)"
	@echo "make report - validation charts and HTML from the built warehouse"
	@echo "make metrics - the semantic layer answers a saved query (SAVED_QUERY=executive_kpis_by_month)"
	@echo "make dashboard - serve the dashboard of the built warehouse on http://127.0.0.1:$(DASHBOARD_PORT)"
	@echo "make fightchurn - load the public Fight Churn dataset, build and validate it"
	@echo "make docs   - raw contract doc and the dbt docs site (target/static_index.html)"
	@echo "make spark  - dbt build on Spark (local session) into warehouse/spark (tiny fixtures, or SPARK_RAW_PATH)"

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

venv: $(BIN)/.installed

fixtures: venv
	$(BIN)/health-fixtures --size $(SIZE) --out $(RAW_PATH)

build: venv
	$(DBT) build $(BUILD_FLAGS) --vars "{raw_path: '$(RAW_PATH)'}"

# the demo regenerates its data, so it rebuilds from scratch (seeds and history included)
demo: fixtures
	$(MAKE) build BUILD_FLAGS=--full-refresh
	$(BIN)/python -m health_harness.show

# the browser test drives the Debian chromium package; install it once if it is missing
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Spark (the equivalence test, make spark) runs on the Debian Java 17 runtime
java:
	@command -v java >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# Test files run on PYTEST_WORKERS processes (pytest-xdist), each file on one worker;
# every worker builds the tiny fixtures once. README "Checks".
PYTEST_WORKERS ?= 2
pytest: venv chromium java
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: venv
	HEALTH_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint --processes 0 models analyses

test: pytest lint

report: venv
	$(BIN)/health-validation-report

# The semantic layer (docs/SEMANTIC_LAYER.md): MetricFlow answers a saved query from the
# built warehouse; it reads target/semantic_manifest.json, which every dbt build writes.
SAVED_QUERY ?= executive_kpis_by_month
metrics: venv
	$(BIN)/mf query --saved-query $(SAVED_QUERY)

# The dashboard (docs/DASHBOARD.md): five pages over a snapshot of the built warehouse,
# served on 127.0.0.1 until stopped (Ctrl-C)
DASHBOARD_PORT ?= 8501
dashboard: venv
	$(BIN)/health-dashboard --port $(DASHBOARD_PORT)

# the README's screenshots: serve the demo warehouse, open every page in Chromium
dashboard-screenshots: venv chromium
	$(BIN)/health-dashboard --port $(DASHBOARD_PORT) & server=$$!; \
	trap "kill $$server" EXIT; \
	$(BIN)/python -m health_dashboard.browser --url http://127.0.0.1:$(DASHBOARD_PORT) --out docs/img

# The public Fight Churn dataset (ChurnSim socialnet7): loaded into the raw contract,
# built into its own warehouse with the fightchurn scoring config, then validated.
FIGHTCHURN_SRC ?= $(abspath $(CURDIR)/../shared/external/fightchurn)
FIGHTCHURN_DIR := $(CURDIR)/warehouse/fightchurn
fightchurn: venv
	$(BIN)/health-load-fightchurn --src $(FIGHTCHURN_SRC) --out $(CURDIR)/data/fightchurn/raw --as-of 2021-01-01
	HEALTH_DUCKDB_PATH=$(FIGHTCHURN_DIR)/fightchurn.duckdb $(DBT) build --full-refresh --target-path $(FIGHTCHURN_DIR)/target \
		--vars "{raw_path: '$(CURDIR)/data/fightchurn/raw', as_of_date: '2021-01-01', scoring_config_set: fightchurn}"
	$(BIN)/health-validation-report --db $(FIGHTCHURN_DIR)/fightchurn.duckdb --out $(FIGHTCHURN_DIR)/validation_report

# docs/RAW_CONTRACT.md from the sources YAML, and the dbt docs site as one file
# (target/static_index.html): the catalogue of the warehouse if built, else models only
docs: venv
	$(BIN)/python -m health_harness.contract_doc
	$(DBT) docs generate --static --vars "{raw_path: '$(RAW_PATH)'}"
	@echo "docs site: $(CURDIR)/target/static_index.html (open it in a browser)"

# The same project on Spark (README "Running on Spark"): dbt-spark in session mode, Spark's
# metastore and tables under HEALTH_SPARK_DIR; the Python models run as their own step.
# By default the tiny fixtures (generated into data/spark/raw) as of their last day.
export HEALTH_SPARK_DIR := $(or $(HEALTH_SPARK_DIR),$(CURDIR)/warehouse/spark)
SPARK_RAW_PATH ?= $(CURDIR)/data/spark/raw
SPARK_AS_OF ?= 2026-03-31
spark: venv java
	@test -d $(SPARK_RAW_PATH) || $(BIN)/health-fixtures --size tiny --out $(SPARK_RAW_PATH) --quiet
	SPARK_LOCAL_IP=127.0.0.1 $(BIN)/python -m health_harness.spark_build \
		--vars "{raw_path: '$(SPARK_RAW_PATH)', as_of_date: '$(SPARK_AS_OF)'}"

# README "Performance"; earlier results in docs/BENCHMARKS.md
bench: venv
	$(BIN)/python -m health_harness.bench $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES))

bench-compare: venv
	$(BIN)/python -m health_harness.bench_compare $(BEFORE) $(AFTER)

clean:
	rm -rf target logs warehouse data
