"""Support (Zendesk style): tickets and satisfaction ratings; surveys: NPS responses."""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from .crm import Contacts
from .dirt import DirtLog, pick_disjoint, unknown_account_ids
from .product import Users
from .profiles import PROFILES, SEGMENTS
from .timeutil import to_timestamp
from .world import World

PRIORITIES = np.array(["urgent", "high", "normal", "low"])
CHANNELS = np.array(["email", "web", "chat", "phone"])
CATEGORIES = np.array(["how_to", "bug", "billing", "feature_request", "outage"])


def tickets(w: World, ids: np.ndarray, u: Users, dirt: DirtLog) -> tuple[pa.Table, pa.Table]:
    rng = w.rng
    end = w.n_days - 1
    rate = np.array([PROFILES[s].ticket_rate for s in SEGMENTS])[w.segment][:, None]
    onboarding = (np.arange(w.n_days)[None, :] - w.signup_day[:, None]) < 45
    lam = rate * (1 + 2 * (1 - w.health)) * np.where(w.declining("support_issues"), 3.0, 1.0)
    lam = lam * np.where(onboarding, 1.5, 1.0) * w.alive
    counts = rng.poisson(lam).ravel()
    cell = np.repeat(np.arange(counts.size), counts)
    acct, day = cell // w.n_days, cell % w.n_days
    n = len(acct)
    h = w.health[acct, day]
    created = to_timestamp(w.start, day, rng.integers(0, 86400, n))
    urgency = rng.random(n) * (0.6 + 0.8 * (1 - h))
    priority = PRIORITIES[np.select([urgency > 0.9, urgency > 0.7, urgency > 0.25], [0, 1, 2], 3)]
    median_hours = np.select([priority == "urgent", priority == "high", priority == "normal"], [4, 12, 30], 60)
    hours = rng.lognormal(np.log(median_hours), 0.8) * (1 + (1 - h))
    solved = created + (hours * 3600).astype("timedelta64[s]")
    end_ts = to_timestamp(w.start, np.array([end]), np.array([86399]))[0]
    is_solved = solved <= end_ts
    status = np.where(is_solved, np.where(solved < end_ts - np.timedelta64(4, "D"), "closed", "solved"),
                      np.where(rng.random(n) < 0.6, "open", "pending"))
    sentiment = np.round(np.clip(rng.normal(1.4 * h - 0.6, 0.35), -1, 1), 2)
    escalated = rng.random(n) < 0.04 + 0.2 * (1 - h)
    requester = u.offsets[acct] + rng.integers(0, u.counts[acct])
    ticket_id = np.char.add("tk_", np.arange(1, n + 1).astype(str))
    loaded = np.where(is_solved, solved, created) + np.timedelta64(1, "h")
    loaded = np.minimum(loaded, end_ts)
    account = ids[acct].astype(object)
    no_account, unknown = pick_disjoint(rng, n, [0.015, 0.003])
    account[no_account] = None
    account[unknown] = unknown_account_ids(rng, len(unknown))
    dirt.record("support.tickets", ticket_id[no_account], "missing_account")
    dirt.record("support.tickets", ticket_id[unknown], "unknown_account", "referential")
    table = pa.table({
        "ticket_id": ticket_id,
        "account_id": pa.array(account, pa.string()),
        "requester_email": u.email[requester],
        "category": CATEGORIES[rng.integers(0, len(CATEGORIES), n)],
        "channel": CHANNELS[rng.integers(0, len(CHANNELS), n)],
        "priority": priority,
        "ticket_status": status,
        "is_escalated": escalated,
        "sentiment_score": sentiment,
        "created_at": created,
        "solved_at": pa.array(solved, mask=~is_solved),
        "_loaded_at": loaded,
    })
    # the incremental export also holds an earlier 'open' version of some solved tickets
    solved_idx = np.flatnonzero(is_solved)
    (older,) = pick_disjoint(rng, len(solved_idx), [0.03])
    older = solved_idx[older]
    old = table.take(pa.array(older))
    old = old.set_column(old.schema.get_field_index("ticket_status"), "ticket_status", pa.array(np.full(len(older), "open")))
    old = old.set_column(old.schema.get_field_index("solved_at"), "solved_at", pa.nulls(len(older), pa.timestamp("us")))
    old = old.set_column(old.schema.get_field_index("_loaded_at"), "_loaded_at",
                         pa.array(created[older] + np.timedelta64(10, "m")))
    dirt.record("support.tickets", ticket_id[older], "superseded_by_later_version")

    # CSAT on a share of solved tickets, 1-5, following health and the ticket's tone
    rated = np.flatnonzero(is_solved & (rng.random(n) < 0.4))
    m = len(rated)
    score = np.clip(np.round(1 + 4 * (0.7 * h[rated] + 0.3 * (sentiment[rated] + 1) / 2) + rng.normal(0, 0.7, m)), 1, 5)
    rated_at = np.minimum(solved[rated] + rng.integers(600, 3 * 86400, m).astype("timedelta64[s]"), end_ts)
    rating_id = np.char.add("csat_", np.arange(1, m + 1).astype(str))
    (zero,) = pick_disjoint(rng, m, [0.006])
    score[zero] = 0
    dirt.record("support.satisfaction_ratings", rating_id[zero], "csat_score_out_of_range")
    orphaned = np.isin(rated, np.concatenate([no_account, unknown]))
    dirt.record("support.satisfaction_ratings", rating_id[orphaned & (score > 0)], "unknown_ticket", "referential")
    ratings = pa.table({
        "rating_id": rating_id,
        "ticket_id": ticket_id[rated],
        "score": score.astype(np.int32),
        "created_at": rated_at,
        "_loaded_at": rated_at,
    })
    return pa.concat_tables([table, old]), ratings


def nps_responses(w: World, ids: np.ndarray, c: Contacts, dirt: DirtLog) -> pa.Table:
    """Quarterly relationship NPS waves to each account's contacts."""
    rng = w.rng
    waves = np.maximum(0, np.ceil((w.n_days - (w.signup_day + 60)) / 91)).astype(int)
    acct = np.repeat(np.arange(w.n), waves)
    k = np.arange(len(acct)) - np.repeat(np.cumsum(waves) - waves, waves)
    day = w.signup_day[acct] + 60 + 91 * k + rng.integers(0, 14, len(acct))
    ok = day < w.n_days
    acct, day = acct[ok], day[ok]
    ok = w.alive[acct, day]
    acct, day = acct[ok], day[ok]
    n_resp = rng.binomial(c.counts[acct], 0.35)
    a = np.repeat(acct, n_resp)
    d = np.minimum(np.repeat(day, n_resp) + rng.integers(0, 7, len(a)), w.n_days - 1)
    contact = c.offsets[a] + rng.integers(0, c.counts[a])
    h = w.health[a, d]
    score = np.clip(np.round(10 * h + rng.normal(0, 1.6, len(a))), 0, 10)
    n = len(a)
    response_id = np.char.add("nps_", np.arange(1, n + 1).astype(str))
    too_high, missing = pick_disjoint(rng, n, [0.004, 0.004])
    score[too_high] = 11
    dirt.record("surveys.nps_responses", response_id[too_high], "nps_score_out_of_range")
    dirt.record("surveys.nps_responses", response_id[missing], "missing_nps_score")
    at = to_timestamp(w.start, d, rng.integers(0, 86400, n))
    quarter = (w.start + d.astype("timedelta64[D]")).astype("datetime64[M]").astype(int)
    survey = np.char.add("rnps_", (1970 + quarter // 12).astype(str))
    survey = np.char.add(np.char.add(survey, "_q"), (quarter % 12 // 3 + 1).astype(str))
    mask = np.zeros(n, bool)
    mask[missing] = True
    return pa.table({
        "response_id": response_id,
        "survey_id": survey,
        "account_id": ids[a],
        "contact_id": c.contact_id[contact],
        "respondent_email": c.email[contact],
        "score": pa.array(score.astype(np.int32), mask=mask),
        "responded_at": at,
        "_loaded_at": at + np.timedelta64(2, "h"),
    })
