"""Renders the validation marts as images and a small HTML report.

    health-validation-report [--db PATH] [--out DIR] [--dimension total|segment|observation_month --value V]

Reads the built warehouse (HEALTH_DUCKDB_PATH by default; read-only, so run it after
`dbt build` has finished) and writes to DIR (default `warehouse/validation_report/`):
  lift.png              churn rate and lift by risk decile, lowest scores first
  calibration.png       predicted vs actual churn rate per score band (evaluation dates)
  score_distribution.png  scores of the observations that churned within the horizon
                        and of the others
  proposed_weights.csv  the proposed weight set, in the format of
                        seeds/scoring/scoring_weight_sets.csv
  index.html            the three images, the measures against their SPEC.md targets and
                        the weight review
and prints the measures with their targets.
"""
from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend first)
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "warehouse" / "customer_health.duckdb"
DEFAULT_OUT = ROOT / "warehouse" / "validation_report"


def read(db: Path, dimension: str, value: str) -> dict[str, pd.DataFrame]:
    cut = "dimension = ? and dimension_value = ?"
    with duckdb.connect(str(db), read_only=True) as con:
        def q(sql: str, params=()) -> pd.DataFrame:
            return con.execute(sql, list(params)).df()
        frames = {
            "metrics": q(f"""select metric, metric_value, comparison, target, meets_target, observations, churners
                             from validation.val_metrics where {cut}
                             order by target is null, metric""", (dimension, value)),
            "lift": q(f"select * from validation.val_lift_by_decile where {cut} order by risk_decile",
                      (dimension, value)),
            "calibration": q(f"""select * from validation.val_calibration_by_band where {cut}
                                 order by score_band_lower""", (dimension, value)),
            "review": q("""select * from validation.val_weight_review
                           order by backtest_period desc, weight_set = 'current' desc, weight_set"""),
            "proposed": q("select * from validation.val_proposed_weights"),
            "coverage": q("select * from validation.val_backtest_coverage order by observation_date"),
            "signals": q("""select signal, category, severity, observations_fired, churners_fired,
                                   churn_rate_when_fired, lift, recall, false_positive_rate,
                                   median_lead_time_days, alerts_started, verdict
                            from validation.val_signal_quality order by lift desc nulls last, signal"""),
        }
        segment_filter = "" if dimension != "segment" else "and segment = ?"
        month_filter = "" if dimension != "observation_month" else "and cast(observation_date as varchar) = ?"
        params = [] if dimension == "total" else [value]
        frames["scores"] = q(f"""select health_score, churned_within_horizon
                                 from validation.val_backtest_observations
                                 where is_included {segment_filter} {month_filter}""", params)
    if frames["metrics"].empty:
        sys.exit(f"no validation rows for dimension={dimension!r}, value={value!r} in {db}")
    return frames


def plot_lift(lift: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.bar(lift.risk_decile, lift.churn_rate * 100, color="#c0504d")
    base = lift.churners.sum() / lift.observations.sum() * 100
    ax.axhline(base, color="grey", linestyle="--", label=f"overall {base:.1f}%")
    for row in lift.itertuples():
        ax.annotate(f"{row.lift:.1f}x", (row.risk_decile, row.churn_rate * 100), ha="center", va="bottom",
                    fontsize=8)
    ax.set_xticks(lift.risk_decile)
    ax.set_xlabel("risk decile (1 = lowest health scores)")
    ax.set_ylabel("churned within horizon (%)")
    ax.set_title("Churn rate and lift by health-score decile")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_calibration(calibration: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 100], [0, 100], color="grey", linestyle="--", label="perfect calibration")
    ax.plot(calibration.predicted_churn_rate * 100, calibration.actual_churn_rate * 100, marker="o",
            color="#1f77b4", label="score bands")
    for row in calibration.itertuples():
        ax.annotate(f"{row.score_band_lower:.0f}-{row.score_band_upper:.0f} (n={row.observations})",
                    (row.predicted_churn_rate * 100, row.actual_churn_rate * 100), fontsize=7,
                    xytext=(4, -10), textcoords="offset points")
    top = max(calibration.predicted_churn_rate.max(), calibration.actual_churn_rate.max()) * 100 * 1.15
    ax.set_xlim(0, max(top, 5))
    ax.set_ylim(0, max(top, 5))
    ax.set_xlabel("predicted churn probability (%)")
    ax.set_ylabel("actual churn rate (%)")
    ax.set_title("Calibration on the evaluation dates")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_distribution(scores: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 4))
    bins = list(range(0, 105, 5))
    churned = scores.churned_within_horizon.astype(bool)
    ax.hist(scores.health_score[~churned], bins=bins, density=True, alpha=0.6, label="did not churn",
            color="#4f81bd")
    ax.hist(scores.health_score[churned], bins=bins, density=True, alpha=0.6, label="churned within horizon",
            color="#c0504d")
    ax.set_xlabel("health score on the observation date")
    ax.set_ylabel("share of observations")
    ax.set_title("Score distribution by outcome")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:.3f}", na_rep="", border=0)


def render_html(frames: dict[str, pd.DataFrame], dimension: str, value: str) -> str:
    title = f"Does the health score predict churn? ({dimension} = {value})"
    coverage = frames["coverage"]
    included = int(coverage.included_accounts.sum())
    excluded = int(coverage.excluded_unobserved.sum() + coverage.excluded_unscored.sum())
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}} table{{border-collapse:collapse}}
td,th{{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}} img{{max-width:100%}}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>{included:,} backtest observations ({len(coverage)} observation dates; {excluded:,} more left out because
their horizon is not over or they had no score).</p>
<h2>Measures and SPEC.md targets</h2>{_table(frames["metrics"])}
<h2>Lift by decile</h2><img src="lift.png" alt="lift chart">
<h2>Calibration</h2><img src="calibration.png" alt="calibration curve">
<h2>Score distribution by outcome</h2><img src="score_distribution.png" alt="score distribution">
<h2>Weight review</h2>
<p>Compare rows on the evaluation period. The proposed set is in <code>proposed_weights.csv</code>;
to try it, copy that file into <code>weight_candidates/</code> under a new weight_set name and rebuild.</p>
{_table(frames["review"])}
<h2>Risk signals</h2>
<p>Each signal on the same observations (all segments): churn within the horizon when it fired, lift on the
base rate, the share of churners it caught, and the median days from its alert to the churn. A signal
judged <code>noise</code> adds alerts without warning of churn; thresholds are in
<code>seeds/validation/validation_settings.csv</code>.</p>
{_table(frames["signals"])}
</body></html>
"""


def measures_text(metrics: pd.DataFrame) -> str:
    """One line per measure: its value, and the SPEC.md target with pass / miss where there is one."""
    lines = []
    for row in metrics.itertuples():
        line = f"  {row.metric:<26} {row.metric_value:8.4f}"
        if pd.notna(row.target):
            line += f"   target {row.comparison} {row.target:g}: {'pass' if row.meets_target else 'miss'}"
        lines.append(line)
    first = metrics.iloc[0]
    return "\n".join([f"{int(first.observations):,} observations, {int(first.churners):,} churned within the horizon",
                      *lines])


def write_report(db: Path, out: Path, dimension: str = "total", value: str = "all") -> list[Path]:
    return write_frames(read(db, dimension, value), out, dimension, value)


def write_frames(frames: dict[str, pd.DataFrame], out: Path, dimension: str, value: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    plot_lift(frames["lift"], out / "lift.png")
    plot_calibration(frames["calibration"], out / "calibration.png")
    plot_distribution(frames["scores"], out / "score_distribution.png")
    frames["proposed"].to_csv(out / "proposed_weights.csv", index=False)
    (out / "index.html").write_text(render_html(frames, dimension, value))
    return [out / name for name in ("index.html", "lift.png", "calibration.png", "score_distribution.png",
                                     "proposed_weights.csv")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path(os.environ.get("HEALTH_DUCKDB_PATH", DEFAULT_DB)))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dimension", default="total", choices=["total", "segment", "observation_month"])
    ap.add_argument("--value", default="all", help="the segment or observation date (default: all)")
    args = ap.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no warehouse at {args.db}: run `make demo` (or dbt build) first")
    frames = read(args.db, args.dimension, args.value)
    for path in write_frames(frames, args.out, args.dimension, args.value):
        print(path)
    print(measures_text(frames["metrics"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
