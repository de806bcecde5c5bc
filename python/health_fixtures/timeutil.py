"""Day-index <-> calendar conversions shared by the generator modules."""
from __future__ import annotations

import numpy as np


def day_parts(start: np.datetime64, n_days: int) -> tuple[np.ndarray, np.ndarray]:
    """For each day index: a running month number and the day of month (1-31)."""
    dates = start + np.arange(n_days).astype("timedelta64[D]")
    months = dates.astype("datetime64[M]")
    dom = (dates - months.astype("datetime64[D]")).astype(int) + 1
    return months.astype(int), dom


def to_date(start: np.datetime64, days: np.ndarray) -> np.ndarray:
    return start + np.asarray(days).astype("timedelta64[D]")


def to_timestamp(start: np.datetime64, days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """UTC timestamps (microsecond precision) from day indexes and seconds into the day."""
    base = start.astype("datetime64[s]")
    secs = np.asarray(days).astype(np.int64) * 86400 + np.asarray(seconds).astype(np.int64)
    return (base + secs.astype("timedelta64[s]")).astype("datetime64[us]")
