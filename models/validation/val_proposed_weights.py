"""One row per component of the proposed weight set (unique: weight_set, component).

The component weights that best predict churn within the horizon on the fit period's
included backtest observations: a logistic regression of churn on the five component
scores with every coefficient constrained to lower the churn risk (a higher component
score can never raise it), then normalised to weights that sum to 1 and rounded to
seed precision. A missing component takes the observation's health score (what
re-spreading its weight amounts to); a component with no data on any fit row gets 0. Same columns as seeds/scoring/
scoring_weight_sets.csv, so the rows can be copied into the seed or dropped into
weight_candidates/. A dbt Python model: it runs on DuckDB (not on Spark).
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize

DECIMALS = 2


def _fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Non-negative risk coefficients of P(churn) = 1 / (1 + exp(-(a - x @ beta)))."""

    def loss(params):
        z = params[0] - x @ params[1:]
        return np.sum(np.logaddexp(0, z) - y * z)

    def grad(params):
        z = params[0] - x @ params[1:]
        residual = 1 / (1 + np.exp(-z)) - y
        return np.concatenate([[residual.sum()], -(x.T @ residual)])

    start = np.concatenate([[np.log(y.mean() / (1 - y.mean()))], np.zeros(x.shape[1])])
    bounds = [(None, None)] + [(0, None)] * x.shape[1]
    result = minimize(loss, start, jac=grad, method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 10_000, "ftol": 1e-14, "gtol": 1e-10})
    if not result.success:
        raise RuntimeError(f"val_proposed_weights: the fit did not converge: {result.message}")
    return result.x[1:]


def _rounded(weights: np.ndarray) -> np.ndarray:
    """Weights rounded to seed precision that still sum to exactly 1."""
    out = np.round(weights, DECIMALS)
    out[np.argmax(out)] += round(1 - out.sum(), DECIMALS)
    return np.round(out, DECIMALS)


def model(dbt, session):
    dbt.config(materialized="table")
    # the components of the weight-set seed, in its order (each has a <component>_score column)
    weight_sets = dbt.ref("scoring_weight_sets").df()
    components = list(dict.fromkeys(weight_sets.component))
    rows = dbt.ref("val_backtest_observations").df()
    fit = rows[rows.is_included & (rows.backtest_period == "fit")]
    if fit.empty or fit.churned_within_horizon.nunique() < 2:
        raise RuntimeError("val_proposed_weights: the fit period needs churners and non-churners")
    scores = fit[[f"{c}_score" for c in components]].astype(float)
    # a component with no score on any fit row (no data for it at all) has nothing to fit: weight 0
    present = [c for c in components if scores[f"{c}_score"].notna().any()]
    scores = scores[[f"{c}_score" for c in present]]
    scores = scores.apply(lambda column: column.fillna(fit.health_score.astype(float)))
    beta = _fit(scores.to_numpy() / 100, fit.churned_within_horizon.astype(float).to_numpy())
    if beta.sum() <= 0:
        raise RuntimeError("val_proposed_weights: no component lowers churn risk on the fit period")
    fitted = dict(zip(present, _rounded(beta / beta.sum())))
    weights = np.array([fitted.get(c, 0.0) for c in components])
    first, last = (pd.Timestamp(d).date() for d in (fit.observation_date.min(), fit.observation_date.max()))
    note = (f"fitted on {len(fit)} observations ({int(fit.churned_within_horizon.sum())} churners), "
            f"{first} to {last}: non-negative logistic regression on component scores")
    return pd.DataFrame({
        "weight_set": "proposed",
        "component": components,
        "weight": weights.astype(float),
        "note": [note] + [""] * (len(components) - 1),
    })
