"""Accounts and their latent health: the hidden state every observable is drawn from.

`build_world` draws firmographics, a daily latent health matrix (accounts x days),
decline episodes with a cause, and then walks the calendar once (a loop over days,
vectorised over accounts) to decide renewals, churn, reactivation, expansion and
contraction. Everything else in the generator reads the resulting `World`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.signal import lfilter

from .billing import simulate_contracts
from .profiles import PROFILES, SEGMENTS

CAUSES = (
    "champion_departed",
    "low_adoption",
    "budget_cut",
    "competitor",
    "support_issues",
    "payment_problems",
)
ONBOARDING_RAMP_DAYS = 45


@dataclass
class World:
    rng: np.random.Generator
    start: np.datetime64
    n_days: int
    segment: np.ndarray  # int8 index into SEGMENTS
    signup_day: np.ndarray  # int32, day index of first subscription start
    seats0: np.ndarray
    seat_price: np.ndarray
    is_annual: np.ndarray
    base_health: np.ndarray
    health: np.ndarray  # float32 (accounts x days), latent health 0..1
    alive: np.ndarray  # bool (accounts x days): a paying customer that day
    decline_start: np.ndarray  # int32, -1 = none
    decline_cause: np.ndarray  # int8 index into CAUSES, -1 = none
    decline_recovered: np.ndarray
    churn_day: np.ndarray  # int32, -1 = not churned (first churn)
    cancel_day: np.ndarray  # int32, day the cancellation was requested
    reactivation_day: np.ndarray  # int32, -1 = none
    final_churn_day: np.ndarray  # churn after reactivation, -1 = none
    seats_at_end: np.ndarray
    mrr_at_end: np.ndarray
    lines: dict = field(default_factory=dict)  # billing lines (see billing.py)
    seat_changes: dict = field(default_factory=dict)
    invoices: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.segment)

    def account_ids(self) -> np.ndarray:
        return np.char.add("ACC-", np.char.zfill(np.arange(1, self.n + 1).astype(str), 6))

    def dates(self, days: np.ndarray) -> np.ndarray:
        return self.start + days.astype("timedelta64[D]")

    def ramp(self) -> np.ndarray:
        """Usage ramp (accounts x days): 0.3 at signup rising to 1 after onboarding."""
        t = np.arange(self.n_days)[None, :] - self.signup_day[:, None]
        return np.clip(0.3 + 0.7 * t / ONBOARDING_RAMP_DAYS, 0.3, 1.0).astype(np.float32)

    def declining(self, cause: str) -> np.ndarray:
        """Mask (accounts x days): inside a decline episode with the given cause."""
        c = CAUSES.index(cause)
        t = np.arange(self.n_days)[None, :]
        has = (self.decline_cause == c)[:, None]
        return has & (t >= self.decline_start[:, None])


def _draw_segments(rng: np.random.Generator, n: int) -> np.ndarray:
    shares = np.array([PROFILES[s].share for s in SEGMENTS])
    return rng.choice(len(SEGMENTS), size=n, p=shares / shares.sum()).astype(np.int8)


def _latent_health(rng, n, n_days, signup_day, base):
    """Base level + AR(1) noise + decline episodes (some recover)."""
    eps = rng.normal(0.0, 1.0, size=(n, n_days)).astype(np.float32)
    phi = 0.97
    noise = lfilter([0.08 * np.sqrt(1 - phi**2)], [1, -phi], eps, axis=1)
    t = np.arange(n_days)[None, :].astype(np.float32)

    has_decline = rng.random(n) < 0.42
    decline_start = (signup_day + rng.integers(20, max(21, n_days + 60), size=n)).astype(np.int32)
    decline_start = np.where(has_decline & (decline_start < n_days), decline_start, -1)
    duration = rng.uniform(30, 120, size=n).astype(np.float32)
    depth = rng.uniform(0.35, 0.65, size=n).astype(np.float32)
    recovered = (decline_start >= 0) & (rng.random(n) < 0.3)
    recover_start = decline_start + duration + rng.uniform(0, 60, size=n)

    ds = np.where(decline_start >= 0, decline_start, 10**6)[:, None].astype(np.float32)
    drop = depth[:, None] * np.clip((t - ds) / duration[:, None], 0, 1)
    back = np.where(recovered[:, None], np.clip((t - recover_start[:, None]) / 45.0, 0, 1), 0.0)
    health = base[:, None] + noise - drop * (1 - back)
    health = np.clip(health, 0.02, 0.98).astype(np.float32)
    cause = np.where(decline_start >= 0, rng.integers(0, len(CAUSES), size=n), -1).astype(np.int8)
    return health, decline_start.astype(np.int32), cause, recovered


def build_world(rng: np.random.Generator, n: int, start: str, end: str, progress=print) -> World:
    start_d = np.datetime64(start, "D")
    n_days = int((np.datetime64(end, "D") - start_d).astype(int)) + 1
    segment = _draw_segments(rng, n)
    prof = [PROFILES[s] for s in SEGMENTS]
    seat_median = np.array([p.seat_median for p in prof])[segment]
    seats0 = np.maximum(1, np.round(seat_median * rng.lognormal(0, 0.45, size=n))).astype(np.int32)
    seat_price = np.array([p.seat_price for p in prof])[segment]
    seat_price = np.round(seat_price * rng.uniform(0.85, 1.1, size=n), 0)
    is_annual = rng.random(n) < np.array([p.annual_share for p in prof])[segment]

    # a third of the book is on board in the first two months, the rest signs up later
    early = rng.random(n) < 0.35
    last_signup = max(2, n_days - 45)
    signup_day = np.where(
        early, rng.integers(0, min(60, last_signup), size=n), rng.integers(0, last_signup, size=n)
    ).astype(np.int32)
    base = np.clip(rng.beta(5, 2.2, size=n), 0.15, 0.95).astype(np.float32)
    progress(f"latent health for {n:,} accounts x {n_days} days")
    health, decline_start, cause, recovered = _latent_health(rng, n, n_days, signup_day, base)

    world = World(
        rng=rng, start=start_d, n_days=n_days, segment=segment, signup_day=signup_day,
        seats0=seats0, seat_price=seat_price, is_annual=is_annual, base_health=base,
        health=health, alive=np.zeros((n, n_days), dtype=bool), decline_start=decline_start,
        decline_cause=cause, decline_recovered=recovered,
        churn_day=np.full(n, -1, np.int32), cancel_day=np.full(n, -1, np.int32),
        reactivation_day=np.full(n, -1, np.int32), final_churn_day=np.full(n, -1, np.int32),
        seats_at_end=np.zeros(n, np.int32), mrr_at_end=np.zeros(n),
    )
    progress("contracts: renewals, churn, reactivation, seat changes, invoices")
    simulate_contracts(world)
    return world
