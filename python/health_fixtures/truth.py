"""Ground truth the generator knows and staging never reads: for tests and validation."""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from .profiles import SEGMENTS
from .timeutil import to_date
from .world import CAUSES, World


def _date_or_null(w: World, days: np.ndarray) -> pa.Array:
    return pa.array(to_date(w.start, days), mask=days < 0)


def accounts_truth(w: World, ids: np.ndarray, champion_departed_day: np.ndarray) -> pa.Table:
    causes = np.array(CAUSES)
    had_cause = (w.decline_cause >= 0) & (w.decline_start <= w.churn_day)
    reason = np.where(w.churn_day < 0, "", np.where(had_cause, causes[np.maximum(w.decline_cause, 0)], "other"))
    react = np.where(w.reactivation_day < w.n_days, w.reactivation_day, -1)
    return pa.table({
        "account_id": ids,
        "segment": np.array(SEGMENTS)[w.segment],
        "signup_date": to_date(w.start, w.signup_day),
        "is_annual": w.is_annual,
        "base_health": w.base_health,
        "decline_start_date": _date_or_null(w, w.decline_start),
        "decline_cause": pa.array(causes[np.maximum(w.decline_cause, 0)], mask=w.decline_cause < 0),
        "decline_recovered": w.decline_recovered,
        "champion_departed_date": _date_or_null(w, champion_departed_day),
        "churn_date": _date_or_null(w, w.churn_day),
        "cancel_requested_date": _date_or_null(w, np.where(w.churn_day >= 0, w.cancel_day, -1)),
        "churn_reason": pa.array(reason, mask=reason == ""),
        "reactivation_date": _date_or_null(w, react),
        "final_churn_date": _date_or_null(w, w.final_churn_day),
        "is_active_at_end": w.alive[:, -1],
        "seats_at_end": w.seats_at_end.astype(np.int32),
        "mrr_at_end": w.mrr_at_end.astype(float),
    })


def health_daily(w: World, ids: np.ndarray) -> pa.Table:
    acct, day = np.nonzero(w.alive)
    return pa.table({
        "account_id": ids[acct],
        "date_day": to_date(w.start, day),
        "latent_health": w.health[acct, day],
    })


def seat_changes(w: World, ids: np.ndarray) -> pa.Table:
    ch = w.seat_changes
    acct = ch["account"].astype(int)
    return pa.table({
        "account_id": ids[acct],
        "change_date": to_date(w.start, ch["day"].astype(int)),
        "change_kind": ch["kind"].astype(str),
        "seats_before": ch["seats_before"].astype(np.int32),
        "seats_after": ch["seats_after"].astype(np.int32),
        "mrr_before": ch["mrr_before"].astype(float),
        "mrr_after": ch["mrr_after"].astype(float),
    })
