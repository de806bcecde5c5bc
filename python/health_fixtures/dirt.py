"""Planted dirt: every deliberately bad raw row is recorded here with the rule it breaks.

The manifest (`_truth/planted_dirt.parquet`) is what the quarantine tests compare with:
quarantine must hold exactly these rows, under these rules.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

# quarantine stages: `staging` rules look at one row; `referential` rules need a join
STAGING = "staging"
REFERENTIAL = "referential"


class DirtLog:
    def __init__(self) -> None:
        self._parts: list[pa.Table] = []

    def record(self, table: str, keys: np.ndarray, rule: str, stage: str = STAGING) -> None:
        keys = np.asarray(keys).astype(str)
        if len(keys):
            self._parts.append(pa.table({
                "source_table": np.full(len(keys), table),
                "record_key": keys,
                "rule": np.full(len(keys), rule),
                "stage": np.full(len(keys), stage),
            }))

    def table(self) -> pa.Table:
        if not self._parts:
            empty = pa.array([], pa.string())
            return pa.table({c: empty for c in ("source_table", "record_key", "rule", "stage")})
        return pa.concat_tables(self._parts)


def pick_disjoint(rng: np.random.Generator, n: int, shares: list[float]) -> list[np.ndarray]:
    """Disjoint random row sets, one per share (each share of n rows, at least 1 if n>0)."""
    perm = rng.permutation(n)
    out, pos = [], 0
    for share in shares:
        k = min(n - pos, max(1, int(round(n * share)))) if n else 0
        out.append(np.sort(perm[pos:pos + k]))
        pos += k
    return out


def unknown_account_ids(rng: np.random.Generator, k: int) -> np.ndarray:
    """Account ids that never exist in the CRM (the generator numbers real ones < 900000)."""
    return np.char.add("ACC-9", np.char.zfill(rng.integers(0, 99_999, k).astype(str), 5))


def messy_case(rng: np.random.Generator, emails: np.ndarray, share: float) -> np.ndarray:
    """Upper-case or pad a share of e-mails, as hand-typed CRM and support data do."""
    emails = emails.astype(object)
    hit = rng.random(len(emails)) < share
    upper = hit & (rng.random(len(emails)) < 0.5)
    emails[upper] = np.char.upper(emails[upper].astype(str))
    padded = hit & ~upper
    emails[padded] = np.char.add(" ", np.char.title(emails[padded].astype(str)))
    return emails.astype(str)
