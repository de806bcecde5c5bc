"""Renders the validation marts as images and a small HTML report.

    health-validation-report [--db PATH] [--out DIR] [--dimension CUT --value V] [--period evaluation|fit]

Reads the built warehouse (HEALTH_DUCKDB_PATH by default; read-only, so run it after
`dbt build` has finished) and writes to DIR (default `warehouse/validation_report/`):
  lift.png              churn rate and lift by risk decile, lowest scores first
  calibration.png       predicted vs actual churn rate per score band
  score_distribution.png  scores of the observations that churned within the horizon
                        and of the others
  proposed_weights.csv  the fitted weight set, in the format of the scoring seeds
                        (submetric, component, submetric_weight, component_weight)
  group_weights.csv     the equal-weight-per-group set of val_metric_groups, same format
  index.html            the images, the measures against their targets, the at-risk
                        threshold, the horizon buckets, the weight review and the
                        direction check of every sub-metric
and prints the measures with their targets, AUC and top-decile lift recomputed with
scikit-learn and pandas on the same rows, the threshold and the weight review. The
period is the evaluation dates unless --period fit (docs/VALIDATION.md).
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import duckdb
import matplotlib
from sklearn.metrics import roc_auc_score

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend first)
import pandas as pd  # noqa: E402

from health_harness.warehouse_path import warehouse_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "warehouse" / "validation_report"


CUTS = ["total", "segment", "observation_month", "billing_interval", "renewal", "windows"]


def read(db: Path, dimension: str, value: str, period: str = "evaluation") -> dict[str, pd.DataFrame]:
    cut = "dimension = ? and dimension_value = ? and backtest_period = ?"
    key = (dimension, value, period)
    with duckdb.connect(str(db), read_only=True) as con:
        def q(sql: str, params=()) -> pd.DataFrame:
            return con.execute(sql, list(params)).df()
        frames = {
            "metrics": q(f"""select metric, metric_value, comparison, target, meets_target, observations, churners
                             from validation.val_metrics where {cut}
                             order by target is null, metric""", key),
            "lift": q(f"select * from validation.val_lift_by_decile where {cut} order by risk_decile", key),
            "calibration": q(f"""select * from validation.val_calibration_by_band where {cut}
                                 order by score_band_lower""", key),
            "rows": q(f"""select health_score, churned_within_horizon, risk_decile
                          from validation.val_backtest_cut_rows where {cut}""", key),
            "threshold": q("select * from validation.val_at_risk_threshold"),
            "buckets": q("""select backtest_period, bucket_start_days, bucket_end_days, observations, churners,
                                   auc, top_decile_lift
                            from validation.val_metrics_by_horizon_bucket order by 1 desc, 3"""),
            "review": q("""select weight_set, backtest_period, observations, churners, auc, top_decile_lift,
                                  brier_score, calibration_error, usage_weight, engagement_weight, growth_weight,
                                  support_weight, financial_weight
                           from validation.val_weight_review
                           order by backtest_period desc, weight_set = 'current' desc, auc desc"""),
            "seed_format": q("""select * from validation.val_weight_sets_seed_format
                                order by weight_set, component, submetric"""),
            "groups": q("""select submetric, component, group_number, group_members, effective_weight, note
                           from validation.val_metric_groups order by group_number, submetric"""),
            "directions": q("""select submetric, component, direction, raw_value_auc, direction_verdict, auc,
                                      top_decile_lift, observations
                               from validation.val_submetric_signal where backtest_period = 'fit'
                               order by direction_verdict, auc desc"""),
            "coverage": q("select * from validation.val_backtest_coverage order by observation_date"),
            "signals": q("""select signal, category, severity, observations_fired, churners_fired,
                                   churn_rate_when_fired, lift, recall, false_positive_rate,
                                   median_lead_time_days, alerts_started, verdict
                            from validation.val_signal_quality order by lift desc nulls last, signal"""),
        }
    if frames["metrics"].empty:
        sys.exit(f"no validation rows for dimension={dimension!r}, value={value!r}, period={period!r} in {db}")
    frames["scores"] = frames["rows"]
    return frames


def recomputed(rows: pd.DataFrame) -> dict[str, float]:
    """AUC (scikit-learn) and top-decile lift (pandas) of the same rows the SQL measured."""
    churned = rows.churned_within_horizon.astype(int)
    if churned.nunique() < 2:
        return {}
    top = rows[rows.risk_decile == 1]
    return {"auc": roc_auc_score(churned, -rows.health_score),
            "top_decile_lift": top.churned_within_horizon.mean() / churned.mean()}


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
    ax.set_title("Calibration (Platt fit on the fit dates)")
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


def render_html(frames: dict[str, pd.DataFrame], dimension: str, value: str, period: str) -> str:
    title = f"Does the health score predict churn? ({dimension} = {value}, {period} dates)"
    coverage = frames["coverage"]
    included = int(coverage.included_accounts.sum())
    excluded = int(coverage.excluded_unobserved.sum() + coverage.excluded_unscored.sum())
    threshold = frames["threshold"].iloc[0]
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}} table{{border-collapse:collapse}}
td,th{{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}} img{{max-width:100%}}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>{included:,} backtest observations ({len(coverage)} observation dates; {excluded:,} more left out because
their horizon is not over or they had no score). The fit dates fit the calibration, the at-risk threshold, the
metric groups and the fitted weights; the evaluation dates test them.</p>
<h2>Measures and targets</h2>{_table(frames["metrics"])}
<h2>At-risk threshold</h2>
<p>Chosen on the fit dates to catch {threshold.recall_target:.0%} of churners: scores below
{threshold.at_risk_threshold:g}. On the evaluation dates it catches {threshold.evaluation_recall:.1%} with
precision {threshold.evaluation_precision:.1%}. The KPIs use {threshold.kpi_at_risk_below_score:g}
(kpi_settings.at_risk_below_score), which catches {threshold.kpi_evaluation_recall:.1%} there.</p>
{_table(frames["threshold"])}
<h2>How far ahead the score sees</h2>{_table(frames["buckets"])}
<h2>Lift by decile</h2><img src="lift.png" alt="lift chart">
<h2>Calibration</h2><img src="calibration.png" alt="calibration curve">
<h2>Score distribution by outcome</h2><img src="score_distribution.png" alt="score distribution">
<h2>Weight review</h2>
<p>Compare rows on the evaluation period: current, equal (every sub-metric alike), groups (every correlation
group alike, <code>group_weights.csv</code>), proposed (fitted on the fit dates,
<code>proposed_weights.csv</code>) and every candidate file. Either CSV is in the format of the scoring seeds:
copy submetric_weight into <code>scoring_submetrics.weight</code> and component_weight into
<code>scoring_weight_sets.weight</code> to adopt it.</p>
{_table(frames["review"])}
<h2>Metric groups (fit dates)</h2>{_table(frames["groups"])}
<h2>Does each metric point the way the catalogue says? (fit dates)</h2>
<p><code>disagrees</code>: the raw value works the other way round from its declared direction;
<code>no_signal</code>: it barely separates churners.</p>
{_table(frames["directions"])}
<h2>Risk signals</h2>
<p>Each signal on the same observations (all segments): churn within the horizon when it fired, lift on the
base rate, the share of churners it caught, and the median days from its alert to the churn. A signal
judged <code>noise</code> adds alerts without warning of churn; thresholds are in
<code>seeds/validation/validation_settings.csv</code>.</p>
{_table(frames["signals"])}
</body></html>
"""


def measures_text(frames: dict[str, pd.DataFrame], period: str) -> str:
    """The measures with their targets, the scikit-learn check, the threshold and the weight review."""
    metrics = frames["metrics"]
    first = metrics.iloc[0]
    lines = [f"{int(first.observations):,} observations on the {period} dates, "
             f"{int(first.churners):,} churned within the horizon"]
    for row in metrics.itertuples():
        line = f"  {row.metric:<26} {row.metric_value:8.4f}"
        if pd.notna(row.target):
            line += f"   target {row.comparison} {row.target:g}: {'pass' if row.meets_target else 'miss'}"
        lines.append(line)
    values = dict(zip(metrics.metric, metrics.metric_value))
    for name, value in recomputed(frames["rows"]).items():
        lines.append(f"  {name} recomputed (scikit-learn / pandas, same rows): {value:.6f}, "
                     f"difference {abs(value - values[name]):.1e}")
    t = frames["threshold"].iloc[0]
    lines.append(f"at-risk threshold chosen on the fit dates for {t.recall_target:.0%} recall: {t.at_risk_threshold:g}; "
                 f"evaluation recall {t.evaluation_recall:.3f}, precision {t.evaluation_precision:.3f} "
                 f"(kpi_settings {t.kpi_at_risk_below_score:g}: recall {t.kpi_evaluation_recall:.3f})")
    review = frames["review"][frames["review"].backtest_period == "evaluation"]
    lines.append("weight review, evaluation dates: " + "; ".join(
        f"{r.weight_set} AUC {r.auc:.3f} lift {r.top_decile_lift:.2f}" for r in review.itertuples()))
    disagree = frames["directions"][frames["directions"].direction_verdict == "disagrees"].submetric.tolist()
    if disagree:
        lines.append("direction disagrees with the data (fit dates): " + ", ".join(disagree))
    return "\n".join(lines)


def write_report(db: Path, out: Path, dimension: str = "total", value: str = "all",
                 period: str = "evaluation") -> list[Path]:
    return write_frames(read(db, dimension, value, period), out, dimension, value, period)


def write_frames(frames: dict[str, pd.DataFrame], out: Path, dimension: str, value: str,
                 period: str = "evaluation") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    plot_lift(frames["lift"], out / "lift.png")
    plot_calibration(frames["calibration"], out / "calibration.png")
    plot_distribution(frames["scores"], out / "score_distribution.png")
    seed_format = frames["seed_format"]
    for weight_set, name in (("proposed", "proposed_weights.csv"), ("groups", "group_weights.csv")):
        seed_format[seed_format.weight_set == weight_set].drop(columns="weight_set").to_csv(out / name, index=False)
    (out / "index.html").write_text(render_html(frames, dimension, value, period))
    return [out / name for name in ("index.html", "lift.png", "calibration.png", "score_distribution.png",
                                     "proposed_weights.csv", "group_weights.csv")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=warehouse_path())
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dimension", default="total", choices=CUTS)
    ap.add_argument("--value", default="all", help="the cut's value, e.g. a segment (default: all)")
    ap.add_argument("--period", default="evaluation", choices=["evaluation", "fit"])
    args = ap.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no warehouse at {args.db}: run `make demo` (or dbt build) first")
    frames = read(args.db, args.dimension, args.value, args.period)
    for path in write_frames(frames, args.out, args.dimension, args.value, args.period):
        print(path)
    print(measures_text(frames, args.period))
    return 0


if __name__ == "__main__":
    sys.exit(main())
