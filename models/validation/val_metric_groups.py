"""One row per sub-metric of the scoring config set (primary key submetric): its group.

Sub-metrics whose scores move together say the same thing twice. On the fit dates'
included backtest observations, the scores are correlated pairwise; average-linkage
clustering joins sub-metrics while their average correlation stays above
validation_settings.group_correlation_above. Weighting every group equally (and the
sub-metrics of a group equally within it) is the `groups` weight set of the review:
effective_weight = 1 / (groups x group size); val_weight_sets_seed_format gives it in
the format of the scoring seeds, to adopt. Uses no churn outcome. A dbt Python model:
it runs on DuckDB. With no included score on the fit dates (dbt's dry run, `--empty`, or
a history too short for a backtest) it writes no row, with its columns typed; the
test assert_weight_fits_have_observations then warns in a build, naming why
(docs/DECISIONLOG.md 52).
"""
import numpy as np
import pandas as pd


def groups_of(scores: pd.DataFrame, above: float) -> dict[str, int]:
    """Group number per column: average-linkage clustering on 1 - correlation, joining the
    closest two groups while their mean distance is at most 1 - above (scipy's
    linkage(method='average') cut by fcluster at that distance; written out in numpy so
    this model does not import scipy while val_proposed_weights does in another thread)."""
    names = sorted(scores.columns)
    distance = np.clip(1 - scores[names].corr().fillna(0).to_numpy(), 0, 2)
    groups = [[i] for i in range(len(names))]
    while len(groups) > 1:
        pairs = [(distance[np.ix_(a, b)].mean(), i, j)
                 for i, a in enumerate(groups) for j, b in enumerate(groups) if i < j]
        closest, i, j = min(pairs)
        if closest > 1 - above:
            break
        groups[i] = groups[i] + groups[j]
        del groups[j]
    # number the groups by their alphabetically first member
    ordered = sorted(groups, key=min)
    return {names[member]: number for number, group in enumerate(ordered, start=1) for member in group}


COLUMNS = {"weight_set": "string", "submetric": "string", "component": "string", "group_number": "int64",
           "group_members": "string", "group_size": "int64", "groups": "int64",
           "mean_correlation_in_group": "float64", "effective_weight": "float64", "note": "string"}


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dbt.ref("validation_settings").df()
    above = float(settings.group_correlation_above.iloc[0])
    # filtered in the warehouse, and only the columns used: not every row and column in pandas
    fit = dbt.ref("val_backtest_submetric_rows").filter("is_included and backtest_period = 'fit'").project(
        "observation_date, account_id, submetric, component, submetric_score").df()
    if fit.empty:
        return pd.DataFrame(columns=list(COLUMNS)).astype(COLUMNS)
    scores = fit.pivot_table(index=["observation_date", "account_id"], columns="submetric",
                             values="submetric_score")
    components = fit.groupby("submetric").component.first()
    group = groups_of(scores, above)
    frame = pd.DataFrame({"submetric": sorted(group)})
    frame["component"] = frame.submetric.map(components)
    frame["group_number"] = frame.submetric.map(group)
    frame["group_size"] = frame.groupby("group_number").submetric.transform("size")
    members = frame.groupby("group_number").submetric.agg(", ".join)
    frame["group_members"] = frame.group_number.map(members)
    correlation = scores.corr()
    frame["mean_correlation_in_group"] = [
        correlation.loc[name, [m for m in members[g].split(", ") if m != name]].mean() if size > 1 else None
        for name, g, size in zip(frame.submetric, frame.group_number, frame.group_size)]
    groups = frame.group_number.nunique()
    frame["groups"] = groups
    frame["effective_weight"] = 1.0 / (groups * frame.group_size)
    frame["weight_set"] = "groups"
    first, last = (pd.Timestamp(d).date() for d in (fit.observation_date.min(), fit.observation_date.max()))
    frame["note"] = (f"{groups} groups of sub-metrics correlated above {above} on {len(scores)} "
                     f"observations, {first} to {last}; equal weight per group")
    return frame[list(COLUMNS)].astype(COLUMNS)
