"""CRM (Salesforce / HubSpot style): accounts, CS owners, contacts, activities, opportunities."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import names
from .dirt import DirtLog, messy_case, pick_disjoint
from .profiles import PROFILES, SEGMENT_LABELS, SEGMENTS
from .timeutil import to_date, to_timestamp
from .world import CAUSES, World

ROLES = ("champion", "executive_sponsor", "billing", "user")
TITLES = {
    "champion": "Operations Manager",
    "executive_sponsor": "VP Operations",
    "billing": "Finance Manager",
    "user": "Analyst",
}


@dataclass
class Contacts:
    account: np.ndarray  # account index per contact
    contact_id: np.ndarray
    email: np.ndarray
    role: np.ndarray
    start_day: np.ndarray
    end_day: np.ndarray  # -1 = still there
    offsets: np.ndarray  # first contact index per account
    counts: np.ndarray


def _loaded_at(w: World) -> np.datetime64:
    return to_timestamp(w.start, np.array([w.n_days - 1]), np.array([22 * 3600]))[0]


def accounts_table(w: World, ids: np.ndarray, dirt: DirtLog) -> tuple[pa.Table, np.ndarray, np.ndarray, pa.Table]:
    """Returns (accounts, domains, owner per account, CS users)."""
    rng, n = w.rng, w.n
    name = np.char.add(np.char.add(names.WORD_A[rng.integers(0, len(names.WORD_A), n)], " "),
                       names.WORD_B[rng.integers(0, len(names.WORD_B), n)])
    name = np.char.add(np.char.add(name, " "), names.SUFFIX[rng.integers(0, len(names.SUFFIX), n)])
    # names repeat; the domain carries the account number so it stays unique
    domain = np.char.add(np.char.add(names.slug(name), np.arange(1, n + 1).astype(str)), ".example.com")
    domain_missing = rng.random(n) < 0.04
    label = np.array(SEGMENT_LABELS)[w.segment]
    sloppy = rng.random(n) < 0.05  # hand-typed segment labels: normalised in staging
    label = np.where(sloppy, np.char.add(np.char.lower(label), " "), label)
    emp_median = np.array([PROFILES[s].employees_median for s in SEGMENTS])[w.segment]
    employees = np.maximum(1, np.round(emp_median * rng.lognormal(0, 0.6, n))).astype(np.int32)
    country = names.COUNTRIES[rng.integers(0, len(names.COUNTRIES), n)]
    region = np.vectorize(names.REGION_OF.get)(country)

    owner, cs_users = _cs_owners(w)
    created_day = w.signup_day - rng.integers(5, 90, n)
    created_at = to_timestamp(w.start, created_day, rng.integers(0, 86400, n))
    loaded = _loaded_at(w)
    table = pa.table({
        "account_id": ids,
        "account_name": name,
        "domain": pa.array(domain, mask=domain_missing),
        "segment": label,
        "industry": names.INDUSTRIES[rng.integers(0, len(names.INDUSTRIES), n)],
        "employee_count": employees,
        "billing_country": country,
        "region": region,
        "csm_owner_id": pa.array(owner, mask=owner == ""),
        "created_at": created_at,
        "is_deleted": np.zeros(n, bool),
        "_loaded_at": np.full(n, loaded),
    })
    # an earlier export of some accounts with stale values: the later version wins
    (stale,) = pick_disjoint(rng, n, [0.01])
    old = table.take(stale)
    old = old.set_column(old.schema.get_field_index("employee_count"), "employee_count",
                         pa.array((employees[stale] * 0.8).astype(np.int32)))
    old = old.set_column(old.schema.get_field_index("_loaded_at"), "_loaded_at",
                         pa.array(np.full(len(stale), loaded - np.timedelta64(30, "D"))))
    dirt.record("crm.accounts", ids[stale], "superseded_by_later_version")
    return pa.concat_tables([table, old]), np.where(domain_missing, "", domain), owner, cs_users


def _cs_owners(w: World) -> tuple[np.ndarray, pa.Table]:
    rng = w.rng
    owner = np.full(w.n, "", dtype=object)
    rows = {"user_id": [], "full_name": [], "email": [], "role": [], "manager_id": [], "segment_focus": []}

    def add(uid, role, manager, focus):
        first, last = names.people(rng, 1)
        rows["user_id"].append(uid)
        rows["full_name"].append(f"{first[0]} {last[0]}")
        rows["email"].append(f"{first[0]}.{last[0]}@ourcompany.example".lower())
        rows["role"].append(role)
        rows["manager_id"].append(manager)
        rows["segment_focus"].append(focus)

    add("own_vp", "vp_customer_success", None, None)
    csm_no = 0
    for s_idx, seg in enumerate(SEGMENTS):
        members = np.flatnonzero(w.segment == s_idx)
        book = PROFILES[seg].csm_book
        manager = f"own_mgr_{seg}"
        add(manager, "cs_manager", "own_vp", seg)
        if book == 0:
            add("own_digital", "digital_cs", manager, seg)
            owner[members] = "own_digital"
            continue
        n_csm = max(1, int(np.ceil(len(members) / book)))
        csm_ids = [f"own_csm_{csm_no + k + 1:03d}" for k in range(n_csm)]
        csm_no += n_csm
        for c in csm_ids:
            add(c, "csm", manager, seg)
        owner[members] = np.array(csm_ids)[rng.integers(0, n_csm, len(members))]
    rows["_loaded_at"] = np.full(len(rows["user_id"]), _loaded_at(w))
    return owner.astype(str), pa.table(rows)


def contacts(w: World, ids: np.ndarray, domains: np.ndarray, dirt: DirtLog) -> tuple[Contacts, pa.Table]:
    rng, n = w.rng, w.n
    prof = [PROFILES[s] for s in SEGMENTS]
    sponsor = rng.random(n) < np.array([p.sponsor_share for p in prof])[w.segment]
    extra = rng.integers(0, np.array([p.extra_contacts for p in prof])[w.segment] + 1)
    # champion departures: planted on the decline start for that cause, plus background turnover
    departs = w.decline_cause == CAUSES.index("champion_departed")
    depart_day = np.where(departs, w.decline_start, -1)
    background = (rng.random(n) < 0.06) & ~departs
    depart_day = np.where(background, w.signup_day + rng.integers(30, 400, n), depart_day)
    depart_day = np.where(depart_day >= w.n_days, -1, depart_day)
    replaced = (depart_day >= 0) & (rng.random(n) < 0.6)
    replace_day = np.where(replaced, depart_day + rng.integers(20, 90, n), -1)
    replaced &= replace_day < w.n_days
    replace_day = np.where(replaced, replace_day, -1)

    counts = 2 + sponsor.astype(int) + extra + replaced.astype(int)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    acct = np.repeat(np.arange(n), counts)
    pos = np.arange(len(acct)) - offsets[acct]
    # position -> role: 0 champion, 1 billing, then sponsor, then extra users, replacement last
    role = np.full(len(acct), "user", dtype=object)
    role[pos == 0] = "champion"
    role[pos == 1] = "billing"
    role[(pos == 2) & sponsor[acct]] = "executive_sponsor"
    is_replacement = replaced[acct] & (pos == counts[acct] - 1)
    role[is_replacement] = "champion"
    start_day = w.signup_day[acct] - rng.integers(0, 30, len(acct))
    start_day = np.where(is_replacement, replace_day[acct], start_day)
    end_day = np.where((pos == 0) & (depart_day[acct] >= 0), depart_day[acct], -1)
    other_leave = (rng.random(len(acct)) < 0.04) & (pos > 1) & ~is_replacement
    end_day = np.where(other_leave, np.minimum(w.n_days - 1, w.signup_day[acct] + rng.integers(60, 500, len(acct))), end_day)
    end_day = np.where(end_day >= w.n_days, -1, end_day)

    first, last = names.people(rng, len(acct))
    dom = domains[acct]
    dom = np.where(dom == "", "mail.example.org", dom)
    # first.last.<n>@domain: the contact number keeps e-mails unique
    local = np.char.add(np.char.add(np.char.add(first, "."), last), np.char.add(".", np.arange(len(acct)).astype(str)))
    clean = np.char.lower(np.char.add(np.char.add(local, "@"), dom))
    email = messy_case(rng, clean, 0.03)
    role = role.astype(str)
    contact_id = np.char.add("con_", np.arange(1, len(acct) + 1).astype(str))
    table = pa.table({
        "contact_id": contact_id,
        "account_id": ids[acct],
        "first_name": first,
        "last_name": last,
        "email": email,
        "title": np.vectorize(TITLES.get)(role),
        "contact_role": role,
        "started_on": to_date(w.start, start_day),
        "ended_on": pa.array(to_date(w.start, end_day), mask=end_day < 0),
        "_loaded_at": np.full(len(acct), _loaded_at(w)),
    })
    c = Contacts(acct, contact_id, clean, role, start_day, end_day, offsets, counts)
    return c, table


def activities(w: World, ids: np.ndarray, owner: np.ndarray, c: Contacts) -> pa.Table:
    """CSM meetings, QBRs and e-mails on a per-segment cadence; outcomes follow health."""
    rng = w.rng
    prof = [PROFILES[s] for s in SEGMENTS]
    parts = []
    specs = [
        ("meeting", np.array([p.meeting_cadence_days for p in prof])[w.segment]),
        ("qbr", np.where(w.segment <= 1, 91, 0)),
        ("email", np.array([p.email_cadence_days for p in prof])[w.segment]),
    ]
    horizon = w.n_days + 30  # meetings already scheduled after the last loaded day
    for kind, cadence in specs:
        has = cadence > 0
        slots = np.where(has, np.ceil((horizon - w.signup_day) / np.maximum(cadence, 1)), 0).astype(int)
        acct = np.repeat(np.arange(w.n), slots)
        k = np.arange(len(acct)) - np.repeat(np.cumsum(slots) - slots, slots)
        day = w.signup_day[acct] + 7 + k * cadence[acct] + rng.integers(-2, 3, len(acct))
        day = np.maximum(day, w.signup_day[acct])
        in_range = day < w.n_days
        alive = np.zeros(len(acct), bool)
        alive[in_range] = w.alive[acct[in_range], day[in_range]]
        future = (~in_range) & (day < horizon) & w.alive[acct, -1] & (kind != "email")
        keep = alive | future
        parts.append((kind, acct[keep], day[keep], future[keep]))

    acct = np.concatenate([p[1] for p in parts])
    day = np.concatenate([p[2] for p in parts])
    future = np.concatenate([p[3] for p in parts])
    kind = np.concatenate([np.full(len(p[1]), p[0]) for p in parts])
    h = w.health[acct, np.minimum(day, w.n_days - 1)]
    u = rng.random(len(acct))
    is_email = kind == "email"
    status = np.where(u < 0.45 + 0.5 * h, "held", np.where(rng.random(len(acct)) < 0.7, "cancelled", "no_show"))
    status = np.where(is_email, np.where(u < 0.15 + 0.6 * h, "replied", "sent"), status)
    status = np.where(future, "scheduled", status)
    # who attended: the sponsor for QBRs when engaged, else the champion while still there
    champ = c.offsets[acct]
    champ_there = (c.end_day[champ] < 0) | (day < c.end_day[champ])
    sponsor_idx = c.offsets[acct] + 2
    has_sponsor = (c.counts[acct] > 2) & (c.role[np.minimum(sponsor_idx, len(c.role) - 1)] == "executive_sponsor")
    sponsor_attends = (kind == "qbr") & has_sponsor & (rng.random(len(acct)) < h) & (status == "held")
    contact = np.where(sponsor_attends, c.contact_id[np.minimum(sponsor_idx, len(c.role) - 1)],
                       np.where(champ_there, c.contact_id[champ], ""))
    secs = rng.integers(8 * 3600, 18 * 3600, len(acct))
    scheduled_at = to_timestamp(w.start, day, secs)
    done = np.isin(status, ["held", "replied"])
    completed_at = to_timestamp(w.start, day + np.where(is_email, rng.integers(0, 4, len(acct)), 0), secs + 1800)
    order = np.lexsort((secs, day, acct))
    n = len(acct)
    table = pa.table({
        "activity_id": np.char.add("act_", np.arange(1, n + 1).astype(str)),
        "account_id": ids[acct][order],
        "owner_id": pa.array(owner[acct][order], mask=(owner[acct] == "")[order]),
        "contact_id": pa.array(contact[order], mask=(contact == "")[order]),
        "activity_type": kind[order],
        "activity_status": status[order],
        "scheduled_at": scheduled_at[order],
        "completed_at": pa.array(completed_at[order], mask=~done[order]),
        "_loaded_at": np.full(n, _loaded_at(w)),
    })
    return table


def opportunities(w: World, ids: np.ndarray, owner: np.ndarray) -> pa.Table:
    rng = w.rng
    inv = w.invoices
    annual_renewal = inv["is_annual"].astype(bool) & (inv["day"] > w.signup_day[inv["account"].astype(int)])
    ch = w.seat_changes
    exp = ch["kind"] == "expansion"
    churned = w.churn_day >= 0
    churn_annual = churned & w.is_annual
    reasons = np.array(CAUSES + ("other",))
    reason_idx = np.where((w.decline_cause >= 0) & (w.decline_start <= w.churn_day), w.decline_cause, len(CAUSES))
    open_next = w.alive[:, -1] & w.is_annual
    last_annual = np.full(w.n, -1)
    np.maximum.at(last_annual, inv["account"][inv["is_annual"].astype(bool)].astype(int),
                  inv["day"][inv["is_annual"].astype(bool)].astype(int))
    next_renewal = last_annual + 365
    open_next &= (last_annual >= 0) & (next_renewal < w.n_days + 120)

    rows = [
        ("new_business", np.arange(w.n), w.signup_day, "closed_won", w.seats0 * w.seat_price * 12, ""),
        ("renewal", inv["account"][annual_renewal].astype(int), inv["day"][annual_renewal].astype(int),
         "closed_won", inv["amount"][annual_renewal], ""),
        ("renewal", np.flatnonzero(churn_annual), w.churn_day[churn_annual], "closed_lost",
         (w.seats0 * w.seat_price * 12)[churn_annual], reasons[reason_idx[churn_annual]]),
        ("expansion", ch["account"][exp].astype(int), ch["day"][exp].astype(int), "closed_won",
         (ch["mrr_after"][exp] - ch["mrr_before"][exp]) * 12, ""),
        ("renewal", np.flatnonzero(open_next), next_renewal[open_next], "open",
         (w.seats_at_end * w.seat_price * 12)[open_next], ""),
    ]
    react = w.reactivation_day >= 0
    react &= w.reactivation_day < w.n_days
    rows.append(("winback", np.flatnonzero(react), w.reactivation_day[react], "closed_won",
                 (w.seats0 * w.seat_price * 12)[react] * 0.7, ""))
    acct = np.concatenate([r[1] for r in rows]).astype(int)
    close = np.concatenate([np.asarray(r[2]) for r in rows]).astype(int)
    otype = np.concatenate([np.full(len(r[1]), r[0]) for r in rows])
    stage = np.concatenate([np.full(len(r[1]), r[3]) for r in rows])
    amount = np.round(np.concatenate([np.asarray(r[4], float) for r in rows]), 2)
    reason = np.concatenate([np.broadcast_to(np.asarray(r[5]), (len(r[1]),)).astype(str) for r in rows])
    created = close - np.where(otype == "renewal", 90, rng.integers(10, 60, len(acct)))
    n = len(acct)
    return pa.table({
        "opportunity_id": np.char.add("opp_", np.arange(1, n + 1).astype(str)),
        "account_id": ids[acct],
        "owner_id": pa.array(owner[acct], mask=owner[acct] == ""),
        "opportunity_type": otype,
        "stage": stage,
        "amount": amount,
        "created_on": to_date(w.start, created),
        "close_on": to_date(w.start, close),
        "loss_reason": pa.array(reason, mask=reason == ""),
        "_loaded_at": np.full(n, _loaded_at(w)),
    })
