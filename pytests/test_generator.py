"""The fixture generator: reproducible, realistic, with its dirt and truth recorded."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import duckdb
import numpy as np
import pandas as pd
import pytest

from health_fixtures.generate import generate


def _digest(folder) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.parquet")):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(duckdb.sql(f"select * from read_parquet('{path}') order by all").df().to_csv().encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("small")
    generate(60, "2025-07-01", "2025-12-31", 7, out / "a", progress=lambda _: None)
    return out


def test_same_seed_gives_identical_files(small):
    generate(60, "2025-07-01", "2025-12-31", 7, small / "b", progress=lambda _: None)
    generate(60, "2025-07-01", "2025-12-31", 8, small / "c", progress=lambda _: None)
    assert _digest(small / "a") == _digest(small / "b")
    assert _digest(small / "a") != _digest(small / "c")


def test_cli_help_and_csv_output(tmp_path):
    help_text = subprocess.run([sys.executable, "-m", "health_fixtures.cli", "--help"],
                               capture_output=True, text=True, check=True).stdout
    for flag in ("--accounts", "--start", "--end", "--seed", "--out", "--size", "--format"):
        assert flag in help_text
    subprocess.run([sys.executable, "-m", "health_fixtures.cli", "--accounts", "20", "--start",
                    "2025-01-01", "--end", "2025-03-31", "--format", "csv", "--out", str(tmp_path / "raw"),
                    "--quiet"], check=True)
    files = {p.relative_to(tmp_path / "raw").as_posix() for p in (tmp_path / "raw").rglob("*.csv")}
    assert {"crm/accounts.csv", "product/tracks.csv", "billing/subscription_lines.csv"} <= files
    header = (tmp_path / "raw" / "crm" / "accounts.csv").read_text().splitlines()[0]
    assert header.startswith('"account_id","account_name"')


def test_segments_differ_in_size_and_price(tiny):
    truth = tiny.truth("accounts")
    mrr = truth[truth.is_active_at_end].groupby("segment").mrr_at_end.median()
    assert mrr["enterprise"] > mrr["mid_market"] > mrr["smb"] > mrr["starter"]
    assert set(truth.segment) == {"enterprise", "mid_market", "smb", "starter"}


def test_usage_declines_weeks_before_churn(tiny):
    """Churners' usage in the 30 days before churn is well below their level 90-120 days before."""
    truth = tiny.truth("accounts")
    churned = truth.dropna(subset=["churn_date"])
    churned = churned[churned.churn_date - churned.signup_date > pd.Timedelta(days=150)]
    assert len(churned) >= 5
    events = duckdb.sql(f"""
        select account_id, cast(event_timestamp as date) as day, count(*) as n
        from read_parquet('{tiny.raw}/product/tracks.parquet') group by all""").df()
    ratios = []
    for row in churned.itertuples():
        mine = events[events.account_id == row.account_id]
        days = (pd.Timestamp(row.churn_date) - pd.to_datetime(mine.day)).dt.days
        late = mine.n[(days > 0) & (days <= 30)].sum()
        early = mine.n[(days > 90) & (days <= 120)].sum()
        if early:
            ratios.append(late / early)
    assert np.median(ratios) < 0.8, ratios


def test_latent_health_is_lower_before_churn(tiny):
    truth = tiny.truth("accounts")
    daily = tiny.truth("health_daily")
    churn_days = truth.dropna(subset=["churn_date"]).set_index("account_id").churn_date
    daily = daily[daily.account_id.isin(churn_days.index)]
    to_churn = (pd.to_datetime(daily.account_id.map(churn_days)) - pd.to_datetime(daily.date_day)).dt.days
    near = daily.latent_health[(to_churn > 0) & (to_churn <= 14)].mean()
    retained = tiny.truth("health_daily").merge(truth[truth.churn_date.isna()][["account_id"]])
    assert near < retained.latent_health.mean() - 0.15


def test_dirt_is_planted_and_recorded(tiny):
    dirt = tiny.truth("planted_dirt")
    rules = set(zip(dirt.source_table, dirt.rule))
    assert {("product.tracks", "duplicate_message_id"), ("product.tracks", "unknown_account"),
            ("support.tickets", "missing_account"), ("support.satisfaction_ratings", "csat_score_out_of_range"),
            ("surveys.nps_responses", "nps_score_out_of_range"), ("crm.accounts", "superseded_by_later_version")} <= rules
    nps = duckdb.sql(f"select score from read_parquet('{tiny.raw}/surveys/nps_responses.parquet')").df()
    assert (nps.score == 11).sum() == ((dirt.rule == "nps_score_out_of_range")).sum()
    emails = duckdb.sql(f"select email from read_parquet('{tiny.raw}/crm/contacts.parquet')").df().email
    assert (emails != emails.str.strip().str.lower()).any(), "mixed-case e-mails are planted"
    accounts = duckdb.sql(f"select domain from read_parquet('{tiny.raw}/crm/accounts.parquet')").df()
    assert accounts.domain.isna().any(), "accounts without a domain are planted"


def test_lifecycle_variety(tiny):
    truth = tiny.truth("accounts")
    assert truth.churn_date.notna().sum() >= 10
    assert truth.reactivation_date.notna().sum() >= 1
    changes = tiny.truth("seat_changes")
    assert {"expansion", "contraction", "churn"} <= set(changes.change_kind)
    lines = duckdb.sql(f"select account_id, count(distinct subscription_id) as subs "
                       f"from read_parquet('{tiny.raw}/billing/subscription_lines.parquet') group by 1").df()
    assert (lines.subs > 1).any(), "some accounts hold two subscriptions"


def test_late_arriving_events_are_planted(tiny):
    lag = duckdb.sql(f"""select count(*) filter (where received_at - event_timestamp > interval 1 day) as late,
                                count(*) as total
                         from read_parquet('{tiny.raw}/product/tracks.parquet')""").df().iloc[0]
    assert 0 < lag.late < 0.01 * lag.total
