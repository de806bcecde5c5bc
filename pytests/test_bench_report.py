"""What `make bench` (health_harness.bench) reports of one dbt command, from its
run_results.json: the run phase the next-day target is set against, the nodes' seconds
by kind and the slowest nodes (README "Performance"), on a hand-written run_results."""
from __future__ import annotations

from health_harness.bench import run_phase, slowest

RESULTS = {"elapsed_time": 31.54, "results": [
    {"unique_id": "model.customer_health.int_account_metrics_daily", "execution_time": 6.22},
    {"unique_id": "model.customer_health.dim_days", "execution_time": 0.73},
    {"unique_id": "test.customer_health.not_null_dim_days_date_day.1a2b", "execution_time": 0.04},
    {"unique_id": "test.customer_health.assert_late_raw_rows_are_rescored", "execution_time": 0.31},
    {"unique_id": "seed.customer_health.health_tiers", "execution_time": 0.26},
    {"unique_id": "operation.customer_health.customer_health-on-run-start-2", "execution_time": 0.59},
    {"unique_id": "exposure.customer_health.demo_summary", "execution_time": 0.002},
    {"unique_id": "saved_query.customer_health.actions_by_csm", "execution_time": 0.12},
]}


def test_the_run_phase_and_its_nodes_by_kind():
    # models 6.22 + 0.73; data tests 0.04 + 0.31; the exposure and the saved query are
    # other nodes (0.122 -> 0.1); a kind that ran nothing is left out (unit tests)
    assert run_phase(RESULTS) == {"seconds": 31.5, "node_seconds": {
        "models": 6.9, "data tests": 0.3, "seeds": 0.3, "hooks": 0.6, "other nodes": 0.1}}
    assert run_phase({**RESULTS, "results": RESULTS["results"][:2]})["node_seconds"] == {"models": 6.9}


def test_the_slowest_nodes_by_name():
    assert slowest(RESULTS, 3) == [("int_account_metrics_daily", 6.2), ("dim_days", 0.7),
                                   ("customer_health-on-run-start-2", 0.6)]
