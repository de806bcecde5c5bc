"""Retention and revenue marts recomputed in pandas from the staged billing lines, and
checked against the generator's truth."""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from conftest import TINY

KINDS = ["new", "expansion", "contraction", "churned", "reactivation"]


@pytest.fixture(scope="module")
def months(tiny) -> pd.DataFrame:
    """Month-end MRR per account from the staged subscription lines, in pandas."""
    lines = tiny.sql("""select l.account_id, l.mrr, l.started_date, l.ended_date
                        from staging.stg_billing__subscription_lines l
                        inner join staging.stg_crm__accounts a using (account_id)""")
    as_of = pd.Timestamp(TINY.end)
    lines = lines[pd.to_datetime(lines.started_date) <= as_of]
    lines["start"] = pd.to_datetime(lines.started_date)
    lines["end"] = pd.to_datetime(lines.ended_date)
    first = lines.groupby("account_id").start.min()
    rows = []
    for account, account_lines in lines.groupby("account_id"):
        for month in pd.period_range(first[account], as_of, freq="M"):
            day = min(month.end_time.normalize(), as_of)
            live = account_lines[(account_lines.start <= day) & (account_lines.end.isna() | (account_lines.end > day))]
            cents = int(round(live.mrr.sum() * 100))
            rows.append((account, month.start_time, day, cents, first[account].to_period("M").start_time))
    out = pd.DataFrame(rows, columns=["account_id", "month_start", "month_end", "end_cents", "cohort_month"])
    out = out.sort_values(["account_id", "month_start"]).reset_index(drop=True)
    out["start_cents"] = out.groupby("account_id").end_cents.shift(1).fillna(0).astype(int)
    seen = out.groupby("account_id").end_cents.transform(lambda s: (s > 0).cumsum().shift(1).fillna(0))
    s, e = out.start_cents, out.end_cents
    out["new"] = np.where((s == 0) & (e > 0) & (seen == 0), e, 0)
    out["reactivation"] = np.where((s == 0) & (e > 0) & (seen > 0), e, 0)
    out["churned"] = np.where((s > 0) & (e == 0), s, 0)
    out["expansion"] = np.where((s > 0) & (e > s), e - s, 0)
    out["contraction"] = np.where((s > 0) & (e > 0) & (e < s), s - e, 0)
    out["partial"] = out.month_end < out.month_start + pd.offsets.MonthEnd(0)
    return out


def _cents(series: pd.Series) -> pd.Series:
    return series.map(lambda v: int(Decimal(str(v)) * 100)).astype(int)


def test_movements_per_account_equal_pandas_exactly(tiny, months):
    fct = tiny.sql("select * from marts.fct_mrr_movements_monthly order by account_id, month_start")
    assert len(fct) == len(months) > 1000
    fct["month_start"] = pd.to_datetime(fct.month_start)
    merged = months.merge(fct, on=["account_id", "month_start"], validate="one_to_one")
    assert len(merged) == len(months)
    assert (_cents(merged.starting_mrr) == merged.start_cents).all()
    assert (_cents(merged.ending_mrr) == merged.end_cents).all()
    for kind in KINDS:
        assert (_cents(merged[f"{kind}_mrr"]) == merged[kind]).all(), kind
    assert (merged.is_partial_month == merged.partial).all()
    # every movement kind occurs in the fixture
    assert all((months[k] > 0).any() for k in KINDS)


def test_movements_reconcile_to_the_mrr_change_in_total(tiny, months):
    total = tiny.sql("select * from marts.rpt_mrr_movements_monthly where dimension = 'total' order by month_start")
    by_month = months.groupby("month_start")[["start_cents", "end_cents", *KINDS]].sum()
    assert len(total) == len(by_month)
    for kind in KINDS:
        assert (_cents(total[f"{kind}_mrr"]).values == by_month[kind].values).all(), kind
    change = by_month.end_cents - by_month.start_cents
    moved = by_month.new + by_month.expansion - by_month.contraction - by_month.churned + by_month.reactivation
    assert (change == moved).all()
    assert (_cents(total.ending_mrr).values[:-1] == _cents(total.starting_mrr).values[1:]).all()
    start = by_month.start_cents.replace(0, np.nan)
    grr = (by_month.start_cents - by_month.contraction - by_month.churned) / start
    nrr = (by_month.start_cents - by_month.contraction - by_month.churned + by_month.expansion) / start
    np.testing.assert_allclose(total.gross_revenue_retention, grr, atol=1e-12)
    np.testing.assert_allclose(total.net_revenue_retention, nrr, atol=1e-12)
    assert (total.gross_revenue_retention.dropna() <= 1).all()
    # segments and CSMs add up to the total
    cuts = tiny.sql("""select dimension, month_start, sum(ending_mrr) as mrr, sum(churned_customers) as churned
                       from marts.rpt_mrr_movements_monthly group by all""")
    wide = cuts.pivot(index="month_start", columns="dimension", values="mrr")
    assert (wide["segment"] == wide["total"]).all() and (wide["csm"] == wide["total"]).all()


def test_cohort_triangle_and_revenue_retention_equal_pandas(tiny, months):
    cells = tiny.sql("select * from marts.rpt_cohort_retention where cohort_grain = 'month'")
    m = months[~months.partial].copy()
    m["n"] = (m.month_start.dt.year - m.cohort_month.dt.year) * 12 + (m.month_start.dt.month - m.cohort_month.dt.month)
    start = m[m.n == 0].set_index("account_id").end_cents
    m["start_account"] = m.account_id.map(start).fillna(0)
    m["kept"] = (m.n == 0) | (m.end_cents > 0)
    m["capped"] = np.minimum(m.end_cents, m.start_account)
    size = months.groupby("cohort_month").account_id.nunique()
    want = m.groupby(["cohort_month", "n"]).agg(kept=("kept", "sum"), end=("end_cents", "sum"),
                                                 start=("start_account", "sum"), capped=("capped", "sum"))
    want["size"] = want.index.get_level_values(0).map(size)
    got = cells.assign(cohort_month=pd.to_datetime(cells.cohort_start)).set_index(["cohort_month", "period_number"])
    got.index.names = ["cohort_month", "n"]
    assert len(got) == len(want) > 20
    got = got.loc[want.index]
    assert (got.cohort_accounts.values == want["size"].values).all()
    assert (got.retained_accounts.values == want.kept.values).all()
    np.testing.assert_allclose(got.logo_retention, want.kept / want["size"], atol=1e-12)
    np.testing.assert_allclose(got.net_revenue_retention, want.end / want.start.replace(0, np.nan), atol=1e-12)
    np.testing.assert_allclose(got.gross_revenue_retention, want.capped / want.start.replace(0, np.nan), atol=1e-12)
    assert (got.xs(0, level="n").logo_retention == 1).all()
    # cells too young to be observed are absent, never 0
    last_complete = m.month_start.max()
    cells_idx = got.reset_index()
    month_number = cells_idx.cohort_month.dt.year * 12 + cells_idx.cohort_month.dt.month + cells_idx.n
    assert (month_number <= last_complete.year * 12 + last_complete.month).all()


def test_churn_and_reactivation_months_equal_truth(tiny):
    fct = tiny.sql("select account_id, month_start, movement from marts.fct_mrr_movements_monthly "
                   "where movement in ('churn', 'reactivation') order by account_id, month_start")
    truth = tiny.truth("accounts")
    events = []
    for row in truth.itertuples():
        for kind, day in (("churn", row.churn_date), ("reactivation", row.reactivation_date),
                          ("churn", row.final_churn_date)):
            if pd.notna(day) and pd.Timestamp(day) <= pd.Timestamp(TINY.end):
                events.append((row.account_id, pd.Timestamp(day).to_period("M").start_time, kind))
    want = pd.DataFrame(events, columns=["account_id", "month_start", "movement"])
    want = want.sort_values(["account_id", "month_start"]).reset_index(drop=True)
    got = fct.assign(month_start=pd.to_datetime(fct.month_start)).reset_index(drop=True)
    assert (want.movement == "churn").sum() > 20 and (want.movement == "reactivation").sum() > 0
    pd.testing.assert_frame_equal(got, want)
