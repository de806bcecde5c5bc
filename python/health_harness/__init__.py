"""Thin Python harness around the dbt project: summaries, docs, benchmark."""
