"""Compares two `make bench` results, such as the bench before a change and after it.

    python -m health_harness.bench_compare [BEFORE.json AFTER.json] [--results DIR]

With no files it compares the two latest results in --results (bench/results by
default), by the date each recorded. For each size both measured, each step prints
its seconds, its ratio to the floor measured in the same run and its peak memory,
before and after, then the after ratio over the before one: below 1.0 the step got
cheaper against the floor. A dbt step's run phase (after start-up and parsing; in
reports from 2026-12-06 on) has a row of its own. On the floor's own row that column
divides its seconds: above 1.0 the after machine was slower. Steps are matched by what
they are (the full build, the next-day run, ...), not by their as-of dates. Then the
growth from 5k to large (exponent and peak memory) of each.

Seconds of two sessions differ by the machine as much as by the code. The ratio to
the floor travels better, not perfectly: the same queries on two machines have given
27x and 31x (README "Performance"). A difference within about 15% is confirmed by
builds run back to back on copies of one warehouse (docs/BENCHMARKS.md). A size whose
event count differs was generated from other data, and says so.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from health_harness.bench import FLOOR_LABEL, RESULTS, TRAILING_LABEL, growth, step_kind

FLOOR = step_kind(FLOOR_LABEL)


def _steps(size: dict) -> dict[str, dict]:
    """The floors and steps of one size, by kind, each with seconds, x_floor and peak_gb;
    x_floor from the seconds (the report rounds it to one decimal)."""
    floor = size["floor_seconds"]
    steps = {FLOOR: {"seconds": floor, "peak_gb": None},
             step_kind(TRAILING_LABEL): {"seconds": size["floor_trailing_seconds"], "peak_gb": None}}
    for label, values in size["steps"].items():
        kind = step_kind(label)
        steps[kind] = {"seconds": values["seconds"], "peak_gb": values["peak_gb"],
                       "out_of_memory": label.endswith("(out of memory)")}
        if "run_phase" in values:  # reports from 2026-12-06 on
            steps[f"{kind}, run phase"] = {"seconds": values["run_phase"]["seconds"], "peak_gb": None}
    return {kind: {**values, "x_floor": values["seconds"] / floor} for kind, values in steps.items()}


def latest_two(results: Path) -> tuple[Path, Path]:
    """The two latest bench results in a folder, by the date each recorded, older first."""
    dated = sorted((json.loads(path.read_text())["date"], path) for path in results.glob("bench-*.json"))
    if len(dated) < 2:
        raise SystemExit(f"{results}: {len(dated)} bench result(s); compare needs two (run `make bench`)")
    return dated[-2][1], dated[-1][1]


def _cell(values: dict | None) -> str:
    if values is None:
        return f"{'-':>9s} {'-':>8s} {'-':>8s}"
    peak = f"{values['peak_gb']:8.1f}" if values["peak_gb"] is not None else f"{'':8s}"
    return f"{values['seconds']:9.1f} {values['x_floor']:8.1f} {peak}"


def compare(before: dict, after: dict) -> list[str]:
    """The comparison of two bench reports, as the lines it prints."""
    lines = [f"{name}: {report['commit']} ({report['date'][:10]}, {report['machine']['cores']} cores, "
             f"memory limit {report['machine']['memory_limit']})"
             for name, report in (("before", before), ("after ", after))]
    if before["machine"]["memory_limit"] != after["machine"]["memory_limit"]:
        lines.append("the two ran with different memory limits: the peaks follow the limit")
    for name in [size for size in before["sizes"] if size not in after["sizes"]]:
        lines.append(f"\nsize {name}: only before measured it")
    for name in [size for size in after["sizes"] if size not in before["sizes"]]:
        lines.append(f"\nsize {name}: only after measured it")
    for name in [size for size in before["sizes"] if size in after["sizes"]]:
        old, new = before["sizes"][name], after["sizes"][name]
        lines.append(f"\nsize {name}: {old['events']:,} events before, {new['events']:,} after")
        if old["events"] != new["events"]:
            lines.append("  other data: the generator changed, so the seconds do not compare")
        lines.append(f"{'step':40s} {'before s':>9s} {'x floor':>8s} {'peak GB':>8s} "
                     f"{'after s':>9s} {'x floor':>8s} {'peak GB':>8s} {'after/before':>13s}")
        old_steps, new_steps = _steps(old), _steps(new)
        for kind in list(old_steps) + [k for k in new_steps if k not in old_steps]:
            a, b = old_steps.get(kind), new_steps.get(kind)
            stopped = [side for side, values in (("before", a), ("after", b))
                       if values and values.get("out_of_memory")]
            if stopped:  # the seconds to the cap, not the step's
                change = f"  out of memory {' and '.join(stopped)}"
            elif kind == FLOOR and a and b:  # its seconds: how fast each machine was
                change = f"{b['seconds'] / a['seconds']:13.2f}"
            else:
                change = f"{b['x_floor'] / a['x_floor']:13.2f}" if a and b else ""
            lines.append(f"{kind:40s} {_cell(a)} {_cell(b)} {change}".rstrip())
    grown = [growth(report["sizes"]) for report in (before, after)]
    if all(grown):
        (_, _, exp_a, mem_a), (_, _, exp_b, mem_b) = grown
        lines.append(f"\n5k -> large: full build exponent {exp_a:.2f} -> {exp_b:.2f} (1.0 is linear in "
                     f"events); peak memory {mem_a:.2f}x -> {mem_b:.2f}x")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="BEFORE.json AFTER.json (default: the two latest)")
    ap.add_argument("--results", type=Path, default=RESULTS,
                    help="folder of bench results, when no files are given")
    args = ap.parse_args(argv)
    if len(args.files) not in (0, 2):
        ap.error("give two result files, or none for the two latest")
    paths = args.files or latest_two(args.results)
    before, after = (json.loads(path.read_text()) for path in paths)
    print(f"comparing {paths[0]} with {paths[1]}")
    print("\n".join(compare(before, after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
