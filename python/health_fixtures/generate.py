"""Orchestrates one generator run: world -> raw tables -> truth, in a fixed order."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import numpy as np

from . import billing, crm, product, support, truth
from .dirt import DirtLog
from .writer import RawWriter, write_truth
from .world import build_world


def generate(accounts: int, start: str, end: str, seed: int, out: Path, fmt: str = "parquet",
             progress: Callable[[str], None] = print) -> dict:
    """Write the raw contract and `_truth/` under `out`; return the run manifest."""
    t0 = time.perf_counter()
    out = Path(out)
    rng = np.random.default_rng(seed)
    world = build_world(rng, accounts, start, end, progress)
    ids = world.account_ids()
    dirt = DirtLog()
    raw = RawWriter(out, fmt)

    progress("crm: accounts, owners, contacts, activities, opportunities")
    accounts_tbl, domains, owner, cs_users = crm.accounts_table(world, ids, dirt)
    raw.write("crm/accounts", accounts_tbl)
    raw.write("crm/users", cs_users)
    contacts, contacts_tbl = crm.contacts(world, ids, domains, dirt)
    raw.write("crm/contacts", contacts_tbl)
    raw.write("crm/activities", crm.activities(world, ids, owner, contacts))
    raw.write("crm/opportunities", crm.opportunities(world, ids, owner))

    progress("billing: subscription lines, invoices, payments")
    for name, table in billing.billing_tables(world, ids).items():
        raw.write(f"billing/{name}", table)

    progress("product: features, users, events")
    raw.write("product/features", product.features_table())
    users, users_tbl = product.users(world, ids, domains)
    raw.write("product/users", users_tbl)
    raw.write_stream("product/tracks", product.event_chunks(world, ids, users, dirt, progress))

    progress("support and surveys")
    tickets, ratings = support.tickets(world, ids, users, dirt)
    raw.write("support/tickets", tickets)
    raw.write("support/satisfaction_ratings", ratings)
    raw.write("surveys/nps_responses", support.nps_responses(world, ids, contacts, dirt))

    progress("ground truth")
    first_champion = contacts.offsets  # each account's first contact is its first champion
    champion_left = np.where(contacts.end_day[first_champion] >= 0, contacts.end_day[first_champion], -1)
    write_truth(out, "accounts", truth.accounts_truth(world, ids, champion_left))
    write_truth(out, "health_daily", truth.health_daily(world, ids))
    write_truth(out, "seat_changes", truth.seat_changes(world, ids))
    write_truth(out, "planted_dirt", dirt.table())
    manifest = {
        "seed": seed,
        "accounts": accounts,
        "start": start,
        "end": end,
        "as_of_date": end,
        "format": fmt,
        "row_counts": raw.row_counts,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out / "_truth" / "manifest.json").write_text(json.dumps(manifest, indent=2))
    progress(f"done in {manifest['seconds']} s: {sum(raw.row_counts.values()):,} raw rows in {out}")
    return manifest
