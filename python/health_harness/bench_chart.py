"""The benchmark's chart: time and peak memory of each step against events, one SVG
with two panels (plain SVG, so no plotting library is needed)."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT, PAD = 420, 300, 55
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _nice_max(value: float) -> float:
    """The axis end: 1, 2 or 5 times a power of ten at or above value."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _panel(x0: int, title: str, unit: str, series: dict[str, list[tuple[float, float]]]) -> list[str]:
    points = [p for line in series.values() for p in line]
    if not points:
        return []
    x_max = _nice_max(max(x for x, _ in points))
    y_max = _nice_max(max(y for _, y in points))
    left, top, right, bottom = x0 + PAD, 30, x0 + WIDTH - 15, HEIGHT - 45

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (right - left) * x / x_max, bottom - (bottom - top) * y / y_max

    out = [f'<text x="{(left + right) / 2}" y="18" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
           f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="black"/>',
           f'<text x="{(left + right) / 2}" y="{HEIGHT - 10}" text-anchor="middle">events (millions)</text>',
           f'<text x="{x0 + 14}" y="{(top + bottom) / 2}" text-anchor="middle" '
           f'transform="rotate(-90 {x0 + 14} {(top + bottom) / 2})">{escape(unit)}</text>']
    for i in range(5):
        xv, yv = x_max * i / 4, y_max * i / 4
        x, _ = at(xv, 0)
        _, y = at(0, yv)
        out.append(f'<text x="{x}" y="{bottom + 15}" text-anchor="middle">{xv:g}</text>')
        out.append(f'<text x="{left - 5}" y="{y + 4}" text-anchor="end">{yv:g}</text>')
    for i, (label, line) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in (at(x, y) for x, y in sorted(line)))
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>'
                for a, b in (at(x, y) for x, y in line)]
        out.append(f'<text x="{left + 8}" y="{top + 14 * (i + 1)}" fill="{colour}">{escape(label)}</text>')
    return out


def write_chart(report: dict, path: Path) -> None:
    """Seconds (left) and peak GB (right) of every measured step against events."""
    time_series: dict[str, list[tuple[float, float]]] = {}
    memory_series: dict[str, list[tuple[float, float]]] = {}
    for result in report["sizes"].values():
        events = result["events"] / 1e6
        time_series.setdefault("floor", []).append((events, result["floor_seconds"]))
        for step, value in result["steps"].items():
            label = step.split(" (")[0]
            if step.startswith("generate") or "out of memory" in step:
                continue
            time_series.setdefault(label, []).append((events, value["seconds"]))
            memory_series.setdefault(label, []).append((events, value["peak_gb"]))
    body = (_panel(0, "time", "seconds", time_series)
            + _panel(WIDTH, "peak memory", "GB", memory_series))
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{HEIGHT + 16}" '
        f'font-family="sans-serif" font-size="11">\n'
        f'<text x="{WIDTH}" y="{HEIGHT + 12}" text-anchor="middle" fill="grey">commit {escape(report["commit"])}, '
        f'{escape(report["date"])}</text>\n' + "\n".join(body) + "\n</svg>\n")
