"""Opens every dashboard page in headless Chromium (the Debian package, driven by
Playwright) and reports what a reader would see: the headline numbers (label -> value),
the charts drawn, the "no rows" and error boxes, and the browser console's errors; saves
a screenshot of each page. Used by pytests/test_dashboard.py and, on the demo
warehouse, for the README's screenshots (`python -m health_dashboard.browser`)."""
from __future__ import annotations

import argparse
import re
import shutil
import time
import urllib.request
from typing import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from health_dashboard import FOOTER

# page -> its URL path (the portfolio is the default page, served at /)
PAGES = {"portfolio": "", "account": "account", "actions": "actions", "cohorts": "cohorts",
         "validation": "validation"}
# Streamlit's frontend first asks for its health and host config below the page's own
# path (404), then at the root; those two misses are Streamlit's, not the dashboard's
STREAMLIT_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")
NOT_FOUND = "Failed to load resource: the server responded with a status of 404"
CHROMIUM_PATHS = ["/usr/lib/chromium/chromium", "chromium", "chromium-browser"]


@dataclass
class PageReport:
    path: str
    headlines: dict[str, str] = field(default_factory=dict)
    charts: int = 0
    empty_charts: int = 0
    warnings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    screenshot: Path | None = None


def chromium() -> str:
    for candidate in CHROMIUM_PATHS:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    raise FileNotFoundError("Chromium not found: `apt-get install chromium` (make test installs it)")


def wait_for_server(base_url: str, seconds: float = 90, alive: Callable[[], bool] = lambda: True) -> None:
    """Returns once Streamlit answers its health check; fails after `seconds` or as soon as
    `alive()` says the server process has ended."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if not alive():
            raise RuntimeError(f"the dashboard at {base_url} stopped before answering")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the dashboard at {base_url} did not answer within {seconds:.0f} s")
        time.sleep(0.5)


def _settle(page, timeout_ms: int) -> None:
    """Waits for the page to run to its end (its footer shows) or stop on an error, then
    for every chart to draw."""
    page.wait_for_function(
        "footer => document.querySelector(\"[data-testid='stException']\")"
        " || [...document.querySelectorAll(\"[data-testid='stCaptionContainer']\")]"
        ".some(caption => caption.innerText.startsWith(footer))"
        " && !document.querySelector(\"[data-stale='true']\")", arg=FOOTER, timeout=timeout_ms)
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart']\")]"
        ".every(chart => chart.querySelector('canvas, svg'))", timeout=timeout_ms)
    page.wait_for_timeout(500)


def visit(base_url: str, out_dir: Path, timeout_ms: int = 60_000) -> list[PageReport]:
    out_dir.mkdir(parents=True, exist_ok=True)
    reports = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            for name, path in PAGES.items():
                report = PageReport(name)
                missing: list[str] = []
                page = context.new_page()
                page.on("console", lambda m, r=report: r.console_errors.append(m.text)
                        if m.type == "error" else None)
                page.on("pageerror", lambda e, r=report: r.console_errors.append(str(e)))
                page.on("response", lambda response, found=missing: found.append(response.url)
                        if response.status == 404 else None)
                page.goto(f"{base_url}/{path}", wait_until="networkidle", timeout=timeout_ms)
                _settle(page, timeout_ms)
                if all(STREAMLIT_PROBE.search(url) for url in missing):
                    # one "404" console line per probe missed; any other miss keeps them all
                    not_found = [e for e in report.console_errors if e.startswith(NOT_FOUND)]
                    for error in not_found[:len(missing)]:
                        report.console_errors.remove(error)
                for metric in page.query_selector_all("[data-testid='stMetric']"):
                    label = metric.query_selector("[data-testid='stMetricLabel']").inner_text().strip()
                    value = metric.query_selector("[data-testid='stMetricValue']").inner_text().strip()
                    report.headlines[label] = value
                charts = page.query_selector_all("[data-testid='stVegaLiteChart']")
                report.charts = len(charts)
                report.empty_charts = sum(1 for chart in charts if (chart.bounding_box() or {}).get("height", 0) < 50)
                report.warnings = [a.inner_text() for a in page.query_selector_all("[data-testid='stAlert']")]
                report.exceptions = [e.inner_text() for e in page.query_selector_all("[data-testid='stException']")]
                report.screenshot = out_dir / f"dashboard_{name}.png"
                page.screenshot(path=str(report.screenshot), full_page=True)
                page.close()
                reports.append(report)
        finally:
            browser.close()
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8501")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    args = parser.parse_args(argv)
    wait_for_server(args.url.rstrip("/"))
    for report in visit(args.url.rstrip("/"), args.out):
        print(f"{report.path:12s} charts {report.charts}, headlines {report.headlines}, "
              f"errors {report.console_errors + report.exceptions}, screenshot {report.screenshot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
