"""One row per sub-metric of the scoring config set (primary key submetric): the fitted weights.

The effective weights (summing to 1) that make the score predict churn best on the fit
dates' included backtest observations whose renewal falls in the horizon (the ones that
can churn: elsewhere the outcome says nothing about health, and fitting on it teaches
the weights when renewals fall, not how healthy an account is): a logistic regression of
churn within the horizon on the score itself, P = 1 / (1 + exp(-(a + b x score))), where the score is
computed exactly as the project computes it - each component the weighted mean of its
sub-metrics that have a score, the components weighted by the sum of their
sub-metrics' weights, missing data re-spread - so nothing is filled in. Weights are
kept non-negative (a softmax), so no sub-metric can raise the risk as it improves;
they are rounded to three decimals. Compare them with the current, equal and group
weights on the later dates in val_weight_review; val_weight_sets_seed_format gives
the set in the format of the scoring seeds. A dbt Python model: it runs on DuckDB.
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize

DECIMALS = 3


def composite(scores: np.ndarray, present: np.ndarray, weights: np.ndarray, component: np.ndarray,
              gradient: bool = False):
    """Two-level weighted mean of the present scores (rows x sub-metrics), as the composite:
    each component the weighted mean of its present sub-metrics, the components weighted by
    the sum of their sub-metrics' weights over those with data. With gradient, also
    d(score) / d(weight) (rows x sub-metrics)."""
    filled = np.where(present, scores, 0.0)
    rows = len(scores)
    numerator, denominator = np.zeros(rows), np.zeros(rows)
    parts = []
    for c in np.unique(component):
        cols = component == c
        w = weights[cols]
        present_weight = present[:, cols] @ w
        has = present_weight > 0
        comp = np.divide(filled[:, cols] @ w, present_weight, out=np.zeros(rows), where=has)
        numerator += np.where(has, w.sum() * comp, 0.0)
        denominator += np.where(has, w.sum(), 0.0)
        parts.append((cols, w.sum(), present_weight, has, comp))
    health = np.divide(numerator, denominator, out=np.full(rows, 0.5), where=denominator > 0)
    if not gradient:
        return health
    slope = np.zeros(scores.shape)
    safe = np.where(denominator > 0, denominator, 1.0)
    for cols, total, present_weight, has, comp in parts:
        within = np.divide(present[:, cols] * (filled[:, cols] - comp[:, None]), present_weight[:, None],
                           out=np.zeros((rows, cols.sum())), where=has[:, None])
        slope[:, cols] = np.where(has[:, None], comp[:, None] + total * within - health[:, None], 0.0) / safe[:, None]
    return health, slope


def fit_weights(scores: np.ndarray, present: np.ndarray, churned: np.ndarray, component: np.ndarray) -> np.ndarray:
    """Softmax weights and (a, b) maximising the likelihood of churn given the composite."""
    m = scores.shape[1]

    def loss(params):
        theta, a, b = params[:m], params[m], params[m + 1]
        w = np.exp(theta - theta.max())
        w /= w.sum()
        health, slope = composite(scores, present, w, component, gradient=True)
        z = a + b * health
        residual = 1 / (1 + np.exp(-z)) - churned
        by_weight = b * (residual @ slope)
        by_theta = w * (by_weight - w @ by_weight)
        value = np.sum(np.logaddexp(0, z) - churned * z)
        return value, np.concatenate([by_theta, [residual.sum(), residual @ health]])

    rate = churned.mean()
    start = np.concatenate([np.zeros(m), [np.log(rate / (1 - rate)), 0.0]])
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2_000, "ftol": 1e-12})
    theta = result.x[:m]
    w = np.exp(theta - theta.max())
    return w / w.sum()


def rounded(weights: np.ndarray) -> np.ndarray:
    """Weights rounded to seed precision that still sum to exactly 1."""
    out = np.round(weights, DECIMALS)
    out[np.argmax(out)] += round(1 - out.sum(), DECIMALS)
    return np.round(out, DECIMALS)


def model(dbt, session):
    dbt.config(materialized="table")
    rows = dbt.ref("val_backtest_submetric_rows").df()
    fit = rows[rows.is_included & rows.is_renewal_in_horizon & (rows.backtest_period == "fit")]
    outcomes = fit.groupby(["observation_date", "account_id"]).churned_within_horizon.first()
    if fit.empty or outcomes.nunique() < 2:
        raise RuntimeError("val_proposed_weights: the fit period needs churners and non-churners")
    wide = fit.pivot_table(index=["observation_date", "account_id"], columns="submetric",
                           values="submetric_score").sort_index(axis=1)
    components = fit.groupby("submetric").component.first()[wide.columns].to_numpy()
    churned = outcomes[wide.index].astype(float).to_numpy()
    weights = rounded(fit_weights(wide.fillna(0).to_numpy() / 100, wide.notna().to_numpy(), churned, components))
    frame = pd.DataFrame({"weight_set": "proposed", "submetric": wide.columns, "component": components,
                          "effective_weight": weights.astype(float)})
    first, last = (pd.Timestamp(d).date() for d in (fit.observation_date.min(), fit.observation_date.max()))
    frame["note"] = (f"fitted on {len(wide)} observations ({int(churned.sum())} churners), {first} to {last}: "
                     "observations up for renewal; logistic regression on the composite score, non-negative weights")
    return frame[["weight_set", "submetric", "component", "effective_weight", "note"]]
