"""The dashboard in a real browser (docs/DASHBOARD.md): `health-dashboard` serves the tiny
build on 127.0.0.1, headless Chromium opens each of the five pages, and every page draws
its charts without a console error, an error box or an empty chart, and shows headline
numbers equal to the marts (recomputed here in SQL and formatted here). A screenshot of
each page is kept in the test's temporary folder."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from health_dashboard.browser import visit, wait_for_server
from health_dashboard.display import EMPTY_CHART

DASHBOARD = str(Path(sys.executable).with_name("health-dashboard"))
CHARTS = {"portfolio": 3, "account": 3, "actions": 1, "cohorts": 3, "validation": 2}


def _money(value) -> str:
    return f"${float(value):,.0f}"


def _pct(value) -> str:
    return f"{100 * float(value):.1f}%"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def pages(tiny, tmp_path_factory):
    """Serves the tiny warehouse, visits every page once, stops the server."""
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "warehouse.duckdb"
    db.write_bytes(tiny.db.read_bytes())
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([DASHBOARD, "--db", str(db), "--port", str(port)], cwd=folder,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_server(url, alive=lambda: server.poll() is None)
        except (RuntimeError, TimeoutError) as error:
            raise AssertionError((folder / "server.log").read_text()) from error
        reports = {report.path: report for report in visit(url, folder / "screenshots")}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return reports


def test_every_page_draws_its_charts_without_errors(pages):
    assert sorted(pages) == sorted(CHARTS)
    for name, report in pages.items():
        assert not report.console_errors, (name, report.console_errors)
        assert not report.exceptions, (name, report.exceptions)
        assert not [w for w in report.warnings if EMPTY_CHART in w], (name, report.warnings)
        assert report.charts == CHARTS[name] and report.empty_charts == 0, (name, report)
        assert report.screenshot.stat().st_size > 20_000, name


def test_portfolio_headlines_equal_the_executive_mart(tiny, pages):
    months = tiny.sql("select * from marts.rpt_executive_kpis_monthly where dimension = 'total' "
                      "order by month_start")
    current, last_full = months.iloc[-1], months[~months["is_partial_month"]].iloc[-1]
    assert pages["portfolio"].headlines == {
        "Customers": f"{int(current['customers_end']):,}",
        "ARR": _money(current["ending_arr"]),
        "At-risk ARR": _money(current["at_risk_arr"]),
        "At-risk share of ARR": _pct(current["at_risk_arr_share"]),
        "ARR renewing in the window": _money(current["renewing_arr"]),
        "GRR, last full month": _pct(last_full["gross_revenue_retention"]),
        "NRR, last full month": _pct(last_full["net_revenue_retention"]),
        "Logo retention, last full month": _pct(last_full["logo_retention"]),
        "At-risk ARR renewing in the window": _money(current["renewing_at_risk_arr"]),
    }
    assert float(current["at_risk_arr"]) > 0


def test_account_page_shows_the_lowest_scored_account(tiny, pages):
    lowest = tiny.sql("select * from marts.rpt_account_health "
                      "order by health_score nulls last, account_id limit 1").iloc[0]
    headlines = pages["account"].headlines
    assert headlines["Health score"] == f"{lowest['health_score']:.1f}"
    assert headlines["Tier"] == f"{lowest['health_tier']} ({lowest['health_colour']})"
    assert headlines["Coverage"] == f"{100 * lowest['coverage']:.0f}%"


def test_action_list_headlines_equal_the_action_mart(tiny, pages):
    actions = tiny.sql("select account_id, arr, is_overdue from marts.rpt_csm_action_list")
    assert pages["actions"].headlines == {
        "Actions": f"{len(actions):,}",
        "Overdue": f"{int(actions['is_overdue'].sum()):,}",
        "Accounts": f"{actions['account_id'].nunique():,}",
        "ARR of these accounts": _money(actions.drop_duplicates("account_id")["arr"].sum()),
    }
    assert len(actions) > 0


def test_cohort_headlines_equal_the_retention_curves(tiny, pages):
    month = int(tiny.sql("select behavioural_retention_month from kpi_config.kpi_settings").iloc[0, 0])
    curve = tiny.sql(f"select * from marts.rpt_retention_curves where curve_dimension = 'all' "
                     f"and months_since_start = {month}").iloc[0]
    assert pages["cohorts"].headlines == {
        f"Month-{month} logo retention, all accounts": _pct(curve["logo_retention"]),
        f"Month-{month} NRR, all accounts": _pct(curve["net_revenue_retention"]),
        f"Month-{month} GRR, all accounts": _pct(curve["gross_revenue_retention"]),
    }


def test_validation_headlines_equal_the_validation_metrics(tiny, pages):
    metrics = tiny.sql("select metric, metric_value from validation.val_metrics where dimension = 'total' "
                       "and backtest_period = 'evaluation'").set_index("metric")["metric_value"]
    assert pages["validation"].headlines == {
        "AUC": f"{metrics['auc']:.3f}",
        "Top-decile lift": f"{metrics['top_decile_lift']:.3f}",
        "Calibration error": f"{metrics['calibration_error']:.3f}",
        "Churners caught at the threshold": f"{metrics['churn_prediction_accuracy']:.3f}",
    }
