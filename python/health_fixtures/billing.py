"""Billing: the contract walk (renewals, churn, seat changes) and Stripe-style tables.

`simulate_contracts` loops over calendar days (never over events), vectorised over
accounts, and records subscription lines, seat changes and invoices on the World.
`billing_tables` then turns those into the raw `billing/*` tables, drawing payment
outcomes (late and failed payments) from latent health.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from .profiles import PROFILES, SEGMENTS
from .timeutil import day_parts, to_date, to_timestamp

PLAN_NAMES = {
    "enterprise": "Enterprise",
    "mid_market": "Business",
    "smb": "Team",
    "starter": "Starter",
}
ADDON_PLAN = "Analytics Add-on"


class _Recorder:
    """Collects column chunks appended during the day loop."""

    def __init__(self, *cols: str) -> None:
        self.cols = {c: [] for c in cols}

    def add(self, **values: np.ndarray) -> None:
        size = len(next(iter(values.values())))
        if size:
            for c, v in values.items():
                self.cols[c].append(np.broadcast_to(v, (size,)).copy())

    def result(self) -> dict[str, np.ndarray]:
        return {c: (np.concatenate(v) if v else np.array([])) for c, v in self.cols.items()}


def renewal_churn_probability(h: np.ndarray, annual: np.ndarray) -> np.ndarray:
    """Chance an account with latent health h churns at this renewal."""
    monthly = 0.004 + 0.6 / (1 + np.exp(14 * (h - 0.38)))
    yearly = 0.02 + 0.9 / (1 + np.exp(12 * (h - 0.42)))
    return np.where(annual, yearly, monthly)


def simulate_contracts(w) -> None:  # w: World
    rng, n, n_days = w.rng, w.n, w.n_days
    months, dom = day_parts(w.start, n_days)
    signup_dom = dom[w.signup_day]
    anchor = np.minimum(signup_dom, 28)
    prof = [PROFILES[s] for s in SEGMENTS]
    addon_share = np.array([p.addon_share for p in prof])[w.segment]
    has_addon = rng.random(n) < addon_share
    addon_day = np.where(has_addon, w.signup_day + rng.integers(30, 240, size=n), -1)
    addon_mrr = np.round(rng.uniform(300, 1500, size=n), -1)

    active = np.zeros(n, bool)
    addon_open = np.zeros(n, bool)
    seats = np.zeros(n, np.int32)
    sub_start = np.full(n, -1, np.int32)
    line_start = np.full(n, -1, np.int32)
    addon_start = np.full(n, -1, np.int32)
    sub_id = np.full(n, -1, np.int64)
    addon_sub = np.full(n, -1, np.int64)
    next_sub = 1
    idx = np.arange(n)
    lines = _Recorder("account", "subscription", "is_addon", "seats", "unit_price", "mrr",
                      "start_day", "end_day", "cancel_day", "is_annual")
    changes = _Recorder("account", "day", "kind", "seats_before", "seats_after",
                        "mrr_before", "mrr_after")
    invoices = _Recorder("account", "subscription", "day", "amount", "is_annual")

    def close_main(sel, day, cancel):
        cancel = cancel[sel] if np.ndim(cancel) else cancel
        lines.add(account=idx[sel], subscription=sub_id[sel], is_addon=False, seats=seats[sel],
                  unit_price=w.seat_price[sel], mrr=seats[sel] * w.seat_price[sel],
                  start_day=line_start[sel], end_day=day, cancel_day=cancel,
                  is_annual=w.is_annual[sel])

    def close_addon(sel, day, cancel):
        sel = sel & addon_open
        cancel = cancel[sel] if np.ndim(cancel) else cancel
        lines.add(account=idx[sel], subscription=addon_sub[sel], is_addon=True, seats=0,
                  unit_price=addon_mrr[sel], mrr=addon_mrr[sel], start_day=addon_start[sel],
                  end_day=day, cancel_day=cancel, is_annual=False)
        addon_open[sel] = False

    def open_subscription(sel, day, new_seats):
        nonlocal next_sub
        k = int(sel.sum())
        sub_id[sel] = np.arange(next_sub, next_sub + k)
        next_sub += k
        active[sel] = True
        seats[sel] = new_seats
        sub_start[sel] = day
        line_start[sel] = day

    for d in range(n_days):
        starting = w.signup_day == d
        open_subscription(starting, d, w.seats0[starting])
        back = (w.reactivation_day == d) & ~active
        if back.any():
            k = int(back.sum())
            open_subscription(back, d, np.maximum(1, (w.seats0[back] * rng.uniform(0.5, 1, k)).astype(np.int32)))
            new_base = rng.uniform(0.55, 0.85, k).astype(np.float32)
            jitter = rng.normal(0, 0.04, (k, n_days - d)).astype(np.float32)
            w.health[back, d:] = np.clip(new_base[:, None] + jitter, 0.02, 0.98)
        addon_now = (addon_day == d) & active & ~addon_open
        if addon_now.any():
            k = int(addon_now.sum())
            addon_sub[addon_now] = np.arange(next_sub, next_sub + k)
            next_sub += k
            addon_open[addon_now] = True
            addon_start[addon_now] = d

        elapsed = months[d] - months[np.maximum(sub_start, 0)]
        anniversary = active & (dom[d] == anchor) & (elapsed > 0)
        if anniversary.any():
            renewal = anniversary & (~w.is_annual | (elapsed % 12 == 0))
            h = w.health[:, max(0, d - 14):d + 1].mean(axis=1)
            churn = renewal & (rng.random(n) < renewal_churn_probability(h, w.is_annual))
            if churn.any():
                k = int(churn.sum())
                notice = np.where(w.is_annual[churn], rng.integers(10, 60, k), rng.integers(1, 25, k))
                cancel = np.full(n, -1, np.int32)
                cancel[churn] = np.maximum(d - notice, line_start[churn])
                first = churn & (w.churn_day < 0)
                again = churn & (w.churn_day >= 0)
                w.churn_day[first] = d
                w.cancel_day[churn] = cancel[churn]
                w.final_churn_day[again] = d
                comeback = first & (rng.random(n) < 0.12)
                w.reactivation_day[comeback] = d + rng.integers(45, 180, int(comeback.sum()))
                changes.add(account=idx[churn], day=d, kind="churn", seats_before=seats[churn],
                            seats_after=0, mrr_before=seats[churn] * w.seat_price[churn], mrr_after=0)
                close_main(churn, d, cancel)
                close_addon(churn, d, cancel)
                active[churn] = False
            shrink = renewal & active & (h < 0.45) & (rng.random(n) < 0.2)
            grow = anniversary & active & ~shrink & (h > 0.72) & (rng.random(n) < 0.06)
            new_seats = seats.copy()
            new_seats[shrink] = np.maximum(1, np.floor(seats[shrink] * rng.uniform(0.6, 0.9, int(shrink.sum()))))
            new_seats[grow] = seats[grow] + np.maximum(1, np.round(seats[grow] * rng.uniform(0.1, 0.4, int(grow.sum()))))
            changed = (shrink | grow) & (new_seats != seats)
            if changed.any():
                kind = np.where(new_seats[changed] > seats[changed], "expansion", "contraction")
                changes.add(account=idx[changed], day=d, kind=kind, seats_before=seats[changed],
                            seats_after=new_seats[changed],
                            mrr_before=seats[changed] * w.seat_price[changed],
                            mrr_after=new_seats[changed] * w.seat_price[changed])
                close_main(changed, d, -1)
                seats[changed] = new_seats[changed]
                line_start[changed] = d
        billing_day = active & ((sub_start == d) | (anniversary & active))
        if billing_day.any():
            el = months[d] - months[sub_start[billing_day]]
            annual = w.is_annual[billing_day]
            due = ~annual | (el % 12 == 0)
            sel = idx[billing_day][due]
            invoices.add(account=sel, subscription=sub_id[sel], day=d,
                         amount=seats[sel] * w.seat_price[sel] * np.where(w.is_annual[sel], 12, 1),
                         is_annual=w.is_annual[sel])
            sel = idx[billing_day & addon_open]
            invoices.add(account=sel, subscription=addon_sub[sel], day=d, amount=addon_mrr[sel],
                         is_annual=False)
        w.alive[:, d] = active

    w.seats_at_end = np.where(active, seats, 0)
    w.mrr_at_end = np.where(active, seats * w.seat_price, 0) + np.where(addon_open, addon_mrr, 0)
    close_main(active, -1, -1)  # lines still open at the end: written with no end date
    close_addon(addon_open, -1, -1)
    w.lines = lines.result()
    w.seat_changes = changes.result()
    w.invoices = invoices.result()


def billing_tables(w, account_ids: np.ndarray) -> dict[str, pa.Table]:
    rng = w.rng
    end_day = w.n_days - 1
    loaded_at = to_timestamp(w.start, np.array([end_day]), np.array([23 * 3600]))[0]

    ln = w.lines
    seg = np.array(SEGMENTS)[w.segment[ln["account"]]]
    plan_name = np.where(ln["is_addon"], ADDON_PLAN,
                         np.vectorize(PLAN_NAMES.get, otypes=[object])(seg).astype(str))
    interval = np.where(ln["is_annual"], "year", "month")
    plan_id = np.where(ln["is_addon"], "addon_analytics",
                       np.char.add(np.char.add(np.char.lower(plan_name.astype(str)), "_"), interval))
    cancel_secs = rng.integers(8 * 3600, 20 * 3600, len(ln["account"]))
    n_lines = len(ln["account"])
    subscription_lines = pa.table({
        "line_id": np.char.add("li_", np.arange(1, n_lines + 1).astype(str)),
        "subscription_id": np.char.add("sub_", ln["subscription"].astype(np.int64).astype(str)),
        "account_id": account_ids[ln["account"].astype(int)],
        "plan_id": plan_id,
        "plan_name": plan_name,
        "billing_interval": interval,
        "seats": ln["seats"].astype(np.int32),
        "unit_price": ln["unit_price"].astype(float),
        "mrr": ln["mrr"].astype(float),
        "currency": np.full(n_lines, "usd"),
        "started_on": pa.array(to_date(w.start, ln["start_day"].astype(int))),
        "ended_on": pa.array(to_date(w.start, ln["end_day"].astype(int)), mask=ln["end_day"] < 0),
        "canceled_at": pa.array(to_timestamp(w.start, ln["cancel_day"].astype(int), cancel_secs),
                                mask=ln["cancel_day"] < 0),
        "_loaded_at": np.full(n_lines, loaded_at),
    })

    inv = w.invoices
    n_inv = len(inv["account"])
    acct = inv["account"].astype(int)
    day = inv["day"].astype(int)
    h = w.health[acct, day]
    seg_idx = w.segment[acct]
    terms = np.where(seg_idx == 0, 30, 14)
    in_trouble = w.declining("payment_problems")[acct, day]
    fail_p = 0.02 + 0.25 * (1 - h) ** 2 + np.where(in_trouble, 0.45, 0)
    # up to three attempts: on issue, +3 days, +7 days
    fails = rng.random((n_inv, 3)) < np.stack([fail_p, fail_p * 0.6, fail_p * 0.5], axis=1)
    n_attempts = np.where(~fails[:, 0], 1, np.where(~fails[:, 1], 2, 3))
    collected = ~fails[np.arange(n_inv), n_attempts - 1]
    # when paid: card autopay on the attempt day; invoices paid by transfer drift late
    lateness = np.where(rng.random(n_inv) < 0.5 + 0.4 * h, 0,
                        np.round(rng.exponential(terms * (0.3 + 1.2 * (1 - h)))))
    attempt_offsets = np.array([0, 3, 7])
    paid_day = day + attempt_offsets[n_attempts - 1] + lateness
    paid = collected & (paid_day <= end_day)
    status = np.where(paid, "paid", np.where(collected, "open",
                      np.where(day + 7 <= end_day - 30, "uncollectible", "open")))
    invoice_ids = np.char.add("in_", np.arange(1, n_inv + 1).astype(str))
    secs = rng.integers(0, 86400, n_inv)
    invoices = pa.table({
        "invoice_id": invoice_ids,
        "account_id": account_ids[acct],
        "subscription_id": np.char.add("sub_", inv["subscription"].astype(np.int64).astype(str)),
        "issued_at": to_timestamp(w.start, day, secs),
        "due_on": to_date(w.start, day + terms),
        "amount_due": inv["amount"].astype(float),
        "currency": np.full(n_inv, "usd"),
        "status": status,
        "paid_at": pa.array(to_timestamp(w.start, paid_day, secs + 3600), mask=~paid),
        "_loaded_at": np.full(n_inv, loaded_at),
    })

    # payments: one row per attempt that happened by the end of the range
    attempt = np.repeat(np.arange(n_inv), n_attempts)
    k = np.arange(len(attempt)) - np.repeat(np.cumsum(n_attempts) - n_attempts, n_attempts)
    att_day = day[attempt] + attempt_offsets[k] + np.where(k == n_attempts[attempt] - 1, lateness[attempt], 0)
    ok = ~fails[attempt, k]
    keep = att_day <= end_day
    attempt, k, att_day, ok = attempt[keep], k[keep], att_day[keep], ok[keep]
    codes = np.array(["card_declined", "insufficient_funds", "expired_card", "processing_error"])
    payments = pa.table({
        "payment_id": np.char.add("py_", np.arange(1, len(attempt) + 1).astype(str)),
        "invoice_id": invoice_ids[attempt],
        "account_id": account_ids[acct[attempt]],
        "attempted_at": to_timestamp(w.start, att_day, secs[attempt] + 3600),
        "amount": inv["amount"].astype(float)[attempt],
        "status": np.where(ok, "succeeded", "failed"),
        "failure_code": pa.array(codes[rng.integers(0, len(codes), len(attempt))], mask=ok),
        "_loaded_at": np.full(len(attempt), loaded_at),
    })
    return {"subscription_lines": subscription_lines, "invoices": invoices, "payments": payments}
