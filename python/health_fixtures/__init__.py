"""Seeded, vectorised generator of raw customer-health fixture data.

It writes the project's raw contract (docs/RAW_CONTRACT.md) for N accounts over a
date range, plus a ground-truth folder (`_truth/`) that staging never reads.
"""
