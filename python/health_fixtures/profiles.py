"""Size presets and per-segment behaviour profiles of the fixture generator."""
from __future__ import annotations

from dataclasses import dataclass

SEGMENTS = ("enterprise", "mid_market", "smb", "starter")
# How a CRM labels each segment (staging normalises these).
SEGMENT_LABELS = ("Enterprise", "Mid-Market", "SMB", "Starter")


@dataclass(frozen=True)
class Size:
    accounts: int
    start: str
    end: str


SIZES: dict[str, Size] = {
    "tiny": Size(160, "2025-07-01", "2026-03-31"),
    "demo": Size(2_000, "2025-01-01", "2026-06-30"),
    "5k": Size(5_000, "2025-01-01", "2026-06-30"),
    "large": Size(20_000, "2025-01-01", "2026-06-30"),
}


@dataclass(frozen=True)
class SegmentProfile:
    share: float  # share of accounts
    seat_median: float  # lognormal median of purchased seats
    seat_price: float  # list price per seat per month (USD)
    annual_share: float  # share of accounts on annual contracts
    csm_book: int  # accounts per CSM (0 = digital / pooled)
    meeting_cadence_days: int  # planned CSM meeting cadence (0 = none)
    email_cadence_days: int  # CSM outbound email cadence
    ticket_rate: float  # tickets per account-day at full health
    sponsor_share: float  # share of accounts with an executive sponsor
    extra_contacts: int  # max other contacts
    addon_share: float  # share of accounts with a second (add-on) subscription
    employees_median: float


PROFILES: dict[str, SegmentProfile] = {
    "enterprise": SegmentProfile(0.07, 80, 110, 1.0, 12, 14, 10, 0.12, 1.0, 5, 0.25, 4000),
    "mid_market": SegmentProfile(0.20, 28, 75, 0.7, 35, 30, 20, 0.05, 0.8, 3, 0.12, 600),
    "smb": SegmentProfile(0.35, 9, 55, 0.3, 120, 90, 45, 0.02, 0.4, 2, 0.0, 80),
    "starter": SegmentProfile(0.38, 3, 35, 0.0, 0, 0, 60, 0.008, 0.0, 1, 0.0, 15),
}
