"""Product usage (Segment style): the feature catalogue, users and track events.

Events are drawn per account-day chunk, fully vectorised: active users per day from a
binomial on latent health, actions per active user from a Poisson, the acting user by
per-user propensity, the event by the account's adopted features and its health.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .dirt import DirtLog, messy_case, pick_disjoint, unknown_account_ids
from .timeutil import to_timestamp
from .world import World

# event name, feature, feature class, relative weight inside its class
CATALOGUE = [
    ("Signed In", "sign_in", "core", 0.0),
    ("Record Created", "records", "core", 3.0),
    ("Record Updated", "records", "core", 3.0),
    ("Dashboard Viewed", "dashboards", "core", 4.0),
    ("Report Exported", "reports", "core", 1.0),
    ("Search Performed", "search", "core", 2.0),
    ("Training Module Completed", "academy", "core", 0.15),
    ("Comment Added", "collaboration", "expansion", 2.0),
    ("Teammate Invited", "team_management", "expansion", 0.3),
    ("Automation Created", "automations", "expansion", 0.4),
    ("Automation Run", "automations", "expansion", 2.0),
    ("Alert Configured", "alerts", "expansion", 0.5),
    ("Integration Connected", "integrations", "advanced", 0.2),
    ("API Request Made", "api", "advanced", 3.0),
    ("Custom Object Created", "custom_objects", "advanced", 0.5),
]
LOGIN_EVENT = 0
HEALTH_BUCKETS = 10
DAYS_PER_CHUNK = 31


@dataclass
class Users:
    offsets: np.ndarray  # first user index per account
    counts: np.ndarray
    email: np.ndarray  # clean e-mail per user
    cum_propensity: np.ndarray  # account index + within-account cumulative share


def features_table() -> pa.Table:
    return pa.table({
        "event_name": [c[0] for c in CATALOGUE],
        "feature_name": [c[1] for c in CATALOGUE],
        "feature_class": [c[2] for c in CATALOGUE],
        "is_login_event": [i == LOGIN_EVENT for i in range(len(CATALOGUE))],
    })


def users(w: World, ids: np.ndarray, domains: np.ndarray) -> tuple[Users, pa.Table]:
    rng = w.rng
    counts = np.maximum(1, np.round(w.seats0 * rng.uniform(0.7, 1.05, w.n))).astype(int)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    acct = np.repeat(np.arange(w.n), counts)
    k = len(acct)
    dom = np.where(domains[acct] == "", "mail.example.org", domains[acct])
    local = np.char.add("user", np.arange(1, k + 1).astype(str))
    clean = np.char.add(np.char.add(local, "@"), dom)
    email = messy_case(rng, clean, 0.03)
    prop = rng.lognormal(0, 1.0, k)
    cum = np.cumsum(prop)
    before = np.concatenate([[0.0], cum])[offsets]
    total = cum[offsets + counts - 1] - before
    within = (cum - before[acct]) / total[acct]
    within[offsets + counts - 1] = 1.0
    created = to_timestamp(w.start, w.signup_day[acct] + rng.integers(0, 10, k), rng.integers(0, 86400, k))
    loaded = to_timestamp(w.start, np.array([w.n_days - 1]), np.array([23 * 3600]))[0]
    table = pa.table({
        "user_id": np.char.add("usr_", np.arange(1, k + 1).astype(str)),
        "account_id": ids[acct],
        "email": email,
        "user_role": np.where(np.arange(k) == offsets[acct], "admin", "member"),
        "created_at": created,
        "_loaded_at": np.full(k, loaded),
    })
    return Users(offsets, counts, clean, acct + within), table


def _adoption_table(w: World) -> np.ndarray:
    """Cumulative action weights per (account, health bucket, event): N x B x E."""
    rng = w.rng
    cls = np.array([c[2] for c in CATALOGUE])
    base_w = np.array([c[3] for c in CATALOGUE])
    h0 = w.base_health[:, None]
    p_adopt = np.where(cls == "core", 1.0, np.where(cls == "expansion", 0.3 + 0.6 * h0, 0.1 + 0.5 * h0))
    p_adopt = p_adopt + np.where((cls == "advanced") & (w.segment[:, None] == 0), 0.2, 0)
    adopted = rng.random(p_adopt.shape) < p_adopt
    hb = (np.arange(HEALTH_BUCKETS) + 0.5) / HEALTH_BUCKETS
    class_w = np.stack([np.ones_like(hb), 0.1 + 0.5 * hb, 0.02 + 0.35 * hb**2], axis=1)  # B x 3
    cls_idx = np.select([cls == "core", cls == "expansion"], [0, 1], 2)
    weights = adopted[:, None, :] * base_w[None, None, :] * class_w[None, :, cls_idx]
    return np.cumsum(weights, axis=2).astype(np.float32)


def event_chunks(w: World, ids: np.ndarray, u: Users, dirt: DirtLog,
                 progress: Callable[[str], None]) -> Iterator[pa.Table]:
    rng = w.rng
    cum_w = _adoption_table(w)
    names = np.array([c[0] for c in CATALOGUE])
    ramp_all = w.ramp()
    weekday = ((w.start + np.arange(w.n_days).astype("timedelta64[D]")).astype("datetime64[D]").view("int64") - 4) % 7
    weekend = weekday >= 5  # 1970-01-05 was a Monday
    next_id = 1
    n_chunks = int(np.ceil(w.n_days / DAYS_PER_CHUNK))
    for ci, d0 in enumerate(range(0, w.n_days, DAYS_PER_CHUNK)):
        d1 = min(w.n_days, d0 + DAYS_PER_CHUNK)
        h = w.health[:, d0:d1]
        alive = w.alive[:, d0:d1]
        p = 0.35 * h**1.3 * ramp_all[:, d0:d1] * np.where(weekend[d0:d1], 0.25, 1.0)[None, :]
        active = rng.binomial(u.counts[:, None], np.clip(p, 0, 0.95)) * alive
        actions = rng.poisson(active * (1.0 + 2.5 * h))
        per_cell = (active + actions).ravel()
        total = int(per_cell.sum())
        cell = np.repeat(np.arange(per_cell.size), per_cell)
        acct = cell // (d1 - d0)
        day = d0 + cell % (d1 - d0)
        pos = np.arange(total) - np.repeat(np.cumsum(per_cell) - per_cell, per_cell)
        is_login = pos < active.ravel()[cell]
        bucket = np.minimum((w.health[acct, day] * HEALTH_BUCKETS).astype(int), HEALTH_BUCKETS - 1)
        rows = cum_w[acct, bucket]  # events x E
        draw = rng.random(total, dtype=np.float32) * rows[:, -1]
        event = np.where(is_login, LOGIN_EVENT, (rows <= draw[:, None]).sum(axis=1))
        del rows
        user = np.searchsorted(u.cum_propensity, acct + np.maximum(rng.random(total), 1e-9), side="left")
        hour = np.clip(rng.normal(14, 3.5, total), 0, 23.99)
        secs = (hour * 3600).astype(np.int64)
        ts = to_timestamp(w.start, day, secs)
        lag = rng.integers(1, 120, total).astype("timedelta64[s]")
        late = rng.random(total) < 0.004
        lag = np.where(late, rng.integers(2 * 86400, 10 * 86400, total).astype("timedelta64[s]"), lag)
        received = ts + lag
        message_id = pc.binary_join_element_wise(
            "evt_", pa.array(np.arange(next_id, next_id + total)).cast(pa.string()), "")
        next_id += total
        order = np.argsort(received, kind="stable")
        table = pa.table({
            "message_id": message_id,
            "user_id": pa.array(np.char.add("usr_", (user + 1).astype(str))),
            "account_id": ids[acct],
            "event": names[event],
            "event_timestamp": ts,
            "received_at": received,
            "_loaded_at": received + np.timedelta64(15, "m"),
        }).take(pa.array(order))
        yield _plant_event_dirt(rng, table, dirt)
        progress(f"events: chunk {ci + 1}/{n_chunks}, {total:,} events")


def _plant_event_dirt(rng: np.random.Generator, table: pa.Table, dirt: DirtLog) -> pa.Table:
    n = table.num_rows
    dup, unknown, no_name = pick_disjoint(rng, n, [0.002, 0.0002, 0.0001])
    cols = {name: table.column(name).to_numpy(zero_copy_only=False) for name in table.column_names}
    acct = cols["account_id"].astype(object)
    acct[unknown] = unknown_account_ids(rng, len(unknown))
    cols["account_id"] = acct
    event = cols["event"].astype(object)
    event[no_name] = None
    cols["event"] = event
    dirt.record("product.tracks", cols["message_id"][unknown], "unknown_account", "referential")
    dirt.record("product.tracks", cols["message_id"][no_name], "missing_event_name")
    dirt.record("product.tracks", cols["message_id"][dup], "duplicate_message_id")
    base = pa.table({k: pa.array(v) for k, v in cols.items()}, schema=table.schema)
    copies = base.take(pa.array(dup))
    retry = copies.column("received_at").to_numpy() + rng.integers(600, 2 * 86400, len(dup)).astype("timedelta64[s]")
    copies = copies.set_column(copies.schema.get_field_index("received_at"), "received_at", pa.array(retry))
    copies = copies.set_column(copies.schema.get_field_index("_loaded_at"), "_loaded_at",
                               pa.array(retry + np.timedelta64(15, "m")))
    return pa.concat_tables([base, copies])
