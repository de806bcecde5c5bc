"""`python -m health_harness.bench_compare`: two `make bench` results side by side
(README "Performance"), on two small hand-written reports whose ratios are worked out
below."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from health_harness import bench_compare

REFERENCE = ROOT / "bench" / "reference"


def _size(events, floor, trailing, steps, phases=None):
    """One size of a report; phases: dbt's run phase seconds of some steps."""
    phases = phases or {}
    return {"events": events, "floor_seconds": floor, "floor_trailing_seconds": trailing,
            "steps": {label: {"seconds": s, "x_floor": round(s / floor, 1), "peak_gb": gb,
                              **({"run_phase": {"seconds": phases[label], "node_seconds": {}}}
                                 if label in phases else {})}
                      for label, (s, gb) in steps.items()}}


NEXT_DAY = "daily run, next day (as of 2026-06-30)"


BEFORE = {"commit": "aaa1111", "date": "2026-12-01T10:00:00+00:00",
          "machine": {"cores": 2, "python": "3.11.7", "memory_limit": "2.5GB"},
          "sizes": {
              "5k": _size(1_000_000, 2.0, 2.5, {"dbt build, full (as of 2026-06-29)": (40.0, 2.0),
                                                "daily run, next day (as of 2026-06-30)": (10.0, 1.0)}),
              "large": _size(4_000_000, 8.0, 9.0, {"dbt build, full (as of 2026-06-29)": (160.0, 3.0),
                                                   NEXT_DAY: (21.0, 2.0),
                                                   "pandas peer: the metrics (out of memory)": (30.0, 12.0)},
                             {NEXT_DAY: 14.0})}}
AFTER = {"commit": "bbb2222", "date": "2026-12-02T10:00:00+00:00",
         "machine": {"cores": 2, "python": "3.11.7", "memory_limit": "2.5GB"},
         "sizes": {
             "demo": _size(250_000, 0.5, 0.6, {"dbt build, full (as of 2026-06-29)": (20.0, 1.0)}),
             "5k": _size(1_000_000, 1.0, 1.5, {"dbt build, full (as of 2026-06-29)": (30.0, 2.0),
                                               NEXT_DAY: (6.0, 1.0)}, {NEXT_DAY: 3.0}),
             "large": _size(4_000_000, 4.0, 5.0, {"dbt build, full (as of 2026-06-29)": (96.0, 2.5),
                                                  NEXT_DAY: (8.0, 2.0),
                                                  "pandas peer: the metrics (ok)": (50.0, 9.0)},
                            {NEXT_DAY: 6.0})}}


def _row(lines, size, step):
    """The line of one step within one size's table."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"\nsize {size}:"))
    return next(line for line in lines[start:] if line.startswith(step))


def test_each_step_is_compared_by_its_ratio_to_the_floor():
    lines = bench_compare.compare(BEFORE, AFTER)
    # large full build: 160 / 8 = 20x before, 96 / 4 = 24x after -> 1.20
    assert _row(lines, "large", "dbt build, full").split()[-1] == "1.20"
    # large next-day run: 21 / 8 = 2.625x before, 2.0x after -> 0.76 (from the seconds:
    # the report's x_floor, rounded to 2.6, would give 0.77)
    assert _row(lines, "large", "daily run, next day").split()[-1] == "0.76"
    # the floor's own row divides its seconds: 4 / 8 -> 0.50, the after machine faster
    assert _row(lines, "large", "floor: events per account-day").split()[-1] == "0.50"
    # the trailing floor: 9 / 8 = 1.125x before, 5 / 4 = 1.25x after -> 1.11
    assert _row(lines, "large", "floor: + 30-day trailing sums").split()[-1] == "1.11"
    # 5k full build: 20x before, 30x after -> 1.50 (the as-of dates do not take part)
    assert _row(lines, "5k", "dbt build, full").split()[-1] == "1.50"
    # the seconds of a run stopped at the memory cap are not compared
    assert _row(lines, "large", "pandas peer: the metrics").endswith("out of memory before")
    # dbt's run phase of the next-day run, after start-up and parsing: 14 / 8 = 1.75x
    # before, 6 / 4 = 1.5x after -> 0.86
    assert _row(lines, "large", "daily run, next day, run phase").split()[-5:] == [
        "14.0", "1.8", "6.0", "1.5", "0.86"]
    # a report from before 2026-12-06 has none: dashes, no ratio
    assert _row(lines, "5k", "daily run, next day, run phase").split()[-5:] == ["-", "-", "-", "3.0", "3.0"]


def test_growth_sizes_and_header():
    lines = bench_compare.compare(BEFORE, AFTER)
    assert lines[0] == "before: aaa1111 (2026-12-01, 2 cores, memory limit 2.5GB)"
    assert "\nsize demo: only after measured it" in lines
    # 4x the events: 160 / 40 = 4x the time (exponent 1.00), 3.0 / 2.0 GB = 1.50x before;
    # 96 / 30 = 3.2x (log 3.2 / log 4 = 0.84), 2.5 / 2.0 GB = 1.25x after
    assert lines[-1] == ("\n5k -> large: full build exponent 1.00 -> 0.84 (1.0 is linear in events); "
                         "peak memory 1.50x -> 1.25x")
    assert not any("other data" in line or "different memory limits" in line for line in lines)


def test_other_data_and_another_memory_limit_are_named():
    after = json.loads(json.dumps(AFTER))
    after["sizes"]["5k"]["events"] = 1_100_000
    after["machine"]["memory_limit"] = "4GB"
    lines = bench_compare.compare(BEFORE, after)
    assert "the two ran with different memory limits: the peaks follow the limit" in lines
    start = lines.index("\nsize 5k: 1,000,000 events before, 1,100,000 after")
    assert lines[start + 1] == "  other data: the generator changed, so the seconds do not compare"


def test_without_files_the_two_latest_by_recorded_date(tmp_path, capsys):
    # file names sort the other way round from the dates the runs recorded
    for name, report in (("bench-z-old.json", BEFORE), ("bench-a-new.json", AFTER),
                         ("bench-m-oldest.json", {**BEFORE, "date": "2026-11-01T00:00:00+00:00"})):
        (tmp_path / name).write_text(json.dumps(report))
    assert bench_compare.main(["--results", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"comparing {tmp_path / 'bench-z-old.json'} with {tmp_path / 'bench-a-new.json'}"


def test_one_file_or_an_empty_folder_stops_with_the_reason(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        bench_compare.main([str(tmp_path / "only.json")])
    assert stopped.value.code == 2
    assert "give two result files, or none for the two latest" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="0 bench result"):
        bench_compare.main(["--results", str(tmp_path)])


def test_the_readmes_bench_is_kept_as_a_result_to_compare_with():
    """bench/reference holds the JSON of the bench the README reports, so a run on
    another machine or commit compares with it; it still reads, every step of it."""
    (path,) = REFERENCE.glob("bench-*.json")
    report = json.loads(path.read_text())
    lines = bench_compare.compare(report, report)
    steps = [line for line in lines if line.startswith(("floor", "generate", "dbt build", "daily run"))]
    # each size: two floors, the generator and three dbt steps, and each dbt step's run
    # phase when the report holds it (from 2026-12-06 on)
    expected = sum(2 + sum(1 + ("run_phase" in step) for label, step in size["steps"].items()
                           if not label.startswith("pandas")) for size in report["sizes"].values())
    assert len(steps) == expected and all(line.split()[-1] == "1.00" for line in steps)
    assert f"`{report['commit']}`" in (ROOT / "README.md").read_text()
