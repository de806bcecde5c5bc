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
the set in the format of the scoring seeds. A dbt Python model: it runs on DuckDB. With
no churner or no non-churner among those observations (dbt's dry run, `--empty`, or a
history too short for a backtest) it writes no row, with its columns typed; the test
assert_weight_fits_have_observations then warns in a build, naming why
(docs/DECISIONLOG.md 52).
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from threadpoolctl import threadpool_limits

DECIMALS = 3
COLUMNS = {"weight_set": "string", "submetric": "string", "component": "string", "effective_weight": "float64",
           "note": "string"}


class Composite:
    """Two-level weighted mean of the present scores (rows x sub-metrics), as the composite:
    each component the weighted mean of its present sub-metrics, the components weighted by
    the sum of their sub-metrics' weights over those with data. The arrays that do not
    depend on the weights are prepared once, for the fit's hundreds of evaluations; an
    evaluation works on the components' columns (rows x components), and its gradient is
    a few matrix products, never a rows x sub-metrics array."""

    def __init__(self, scores: np.ndarray, present: np.ndarray, component: np.ndarray):
        names, self.index = np.unique(component, return_inverse=True)
        self.filled = np.where(present, scores, 0.0)
        self.present = present.astype(float)
        self.member = np.zeros((len(component), len(names)))
        self.member[np.arange(len(component)), self.index] = 1.0

    def at(self, weights: np.ndarray):
        """The composite for these weights, and its pullback: a function that takes one
        value per row (v) and gives v @ d(composite) / d(weights), one per sub-metric."""
        by_component = self.member * weights[:, None]
        total = weights @ self.member
        present_weight = self.present @ by_component
        has = present_weight > 0
        inverse = np.divide(1.0, present_weight, out=np.zeros(present_weight.shape), where=has)
        comp = (self.filled @ by_component) * inverse
        denominator = has @ total
        safe = np.where(denominator > 0, denominator, 1.0)
        health = np.where(denominator > 0, (comp @ total) / safe, 0.5)

        def pullback(v: np.ndarray) -> np.ndarray:
            # a present sub-metric j of component c moves a row's composite by
            # (comp_c - health + total_c * (score_j - comp_c) / present_weight_c) / denominator
            per_row = v / safe
            own = per_row @ (has * (comp - health[:, None]))
            spread = per_row[:, None] * inverse
            within = spread.T @ self.filled - (spread * comp).T @ self.present
            return own[self.index] + total[self.index] * within[self.index, np.arange(len(weights))]

        return health, pullback


def fit_weights(scores: np.ndarray, present: np.ndarray, churned: np.ndarray, component: np.ndarray) -> np.ndarray:
    """Softmax weights and (a, b) maximising the likelihood of churn given the composite."""
    m = scores.shape[1]
    prepared = Composite(scores, present, component)

    def loss(params):
        theta, a, b = params[:m], params[m], params[m + 1]
        w = np.exp(theta - theta.max())
        w /= w.sum()
        health, pullback = prepared.at(w)
        z = a + b * health
        residual = 1 / (1 + np.exp(-z)) - churned
        by_weight = b * pullback(residual)
        by_theta = w * (by_weight - w @ by_weight)
        value = np.sum(np.logaddexp(0, z) - churned * z)
        return value, np.concatenate([by_theta, [residual.sum(), residual @ health]])

    rate = churned.mean()
    start = np.concatenate([np.zeros(m), [np.log(rate / (1 - rate)), 0.0]])
    # BLAS on one thread: the products are too small to share out, and threads that
    # compete for the cores with the model dbt builds beside this one made the fit
    # about four times slower (docs/DECISIONLOG.md, decision 44); one thread also sums
    # in one order, so the fit gives the same digits on every run
    with threadpool_limits(limits=1, user_api="blas"):
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
    # filtered in the warehouse, and only the columns used: not every row and column in pandas
    fit = dbt.ref("val_backtest_submetric_rows").filter(
        "is_included and is_renewal_in_horizon and backtest_period = 'fit'").project(
        "observation_date, account_id, submetric, component, submetric_score, churned_within_horizon").df()
    outcomes = fit.groupby(["observation_date", "account_id"]).churned_within_horizon.first()
    if fit.empty or outcomes.nunique() < 2:
        return pd.DataFrame(columns=list(COLUMNS)).astype(COLUMNS)
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
    return frame[list(COLUMNS)].astype(COLUMNS)
