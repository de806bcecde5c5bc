"""Groups, access and exposures (issue 16): the marts and the validation tables are the
public interface, staging and intermediate private to the group; the exposures name
every table the harness's readers (the validation report, the demo summary, each
dashboard page) query."""
from __future__ import annotations

import re

from conftest import ROOT

# exposure -> the Python file (under python/) whose queries it must name
READERS = {"validation_report": "health_harness/validation_report.py", "demo_summary": "health_harness/show.py",
           **{f"dashboard_{page}": f"health_dashboard/views/{page}.py"
              for page in ("portfolio", "account", "actions", "cohorts", "validation")}}


def test_marts_and_validation_are_public_the_rest_private(tiny):
    models = [n for n in tiny.manifest()["nodes"].values() if n["resource_type"] == "model"]
    assert len(models) > 90
    for node in models:
        folder = node["fqn"][1]
        expected = "public" if folder in ("marts", "validation") else "private"
        assert (node["access"], node["group"]) == (expected, "customer_health"), node["name"]


def test_exposures_name_every_table_their_reader_queries(tiny):
    manifest = tiny.manifest()
    access = {key: node.get("access") for key, node in manifest["nodes"].items()}
    for name, script in READERS.items():
        exposure = manifest["exposures"][f"exposure.customer_health.{name}"]
        depends = {key.split(".")[-1] for key in exposure["depends_on"]["nodes"]}
        code = (ROOT / "python" / script).read_text()
        read = set(re.findall(r"\b(?:marts|validation|scoring_config|kpi_config)\.([a-z][a-z_0-9]+)", code))
        assert read and read == depends, (name, read ^ depends)
        assert exposure["owner"]["name"]
        assert all(access[key] == "public" for key in exposure["depends_on"]["nodes"]
                   if key.startswith("model.")), name
