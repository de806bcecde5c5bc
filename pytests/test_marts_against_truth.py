"""The tiny build checked against the generator's truth and against pandas recomputation."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd


def test_active_accounts_equal_truth(tiny):
    mart = tiny.sql("select account_id, customer_status from marts.rpt_customer_360")
    truth = tiny.truth("accounts")
    merged = truth.merge(mart, on="account_id", how="outer", validate="one_to_one", indicator=True)
    assert (merged._merge == "both").all()
    assert ((merged.customer_status == "active") == merged.is_active_at_end).all()
    assert merged.is_active_at_end.sum() > 50


def test_mrr_and_seats_per_account_equal_truth(tiny):
    mart = tiny.sql("select account_id, mrr, seats from marts.rpt_customer_360")
    truth = tiny.truth("accounts").merge(mart, on="account_id")
    np.testing.assert_allclose(truth.mrr, truth.mrr_at_end, atol=1e-9)
    assert (truth.seats == truth.seats_at_end).all()
    assert truth.mrr.sum() > 0


def test_churn_and_reactivation_dates_equal_truth(tiny):
    mart = tiny.sql("select account_id, churned_date, is_reactivated, reactivated_date from marts.dim_accounts")
    truth = tiny.truth("accounts").merge(mart, on="account_id")
    last_churn = truth.final_churn_date.fillna(truth.churn_date)
    still_out = ~truth.is_active_at_end & last_churn.notna()
    assert (pd.to_datetime(truth.churned_date[still_out]) == pd.to_datetime(last_churn[still_out])).all()
    assert truth.churned_date[truth.is_active_at_end].isna().all()
    came_back = truth.reactivation_date.notna()
    assert (truth.is_reactivated == came_back).all()
    assert (pd.to_datetime(truth.reactivated_date[came_back]) == pd.to_datetime(truth.reactivation_date[came_back])).all()


def test_quarantine_holds_exactly_the_planted_dirt(tiny):
    kept = tiny.sql("select source_table, record_key, quarantine_rule as rule, quarantine_stage as stage "
                    "from marts.fct_quarantined_rows")
    planted = tiny.truth("planted_dirt")
    cols = ["source_table", "record_key", "rule", "stage"]
    a = kept[cols].sort_values(cols).reset_index(drop=True)
    b = planted[cols].sort_values(cols).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) > 100


def test_every_raw_row_is_accounted_for(tiny):
    rec = tiny.sql("select * from marts.rpt_raw_row_reconciliation").set_index("source_table")
    manifest = __import__("json").loads((tiny.raw / "_truth" / "manifest.json").read_text())
    for name, rows in manifest["row_counts"].items():
        table = name.replace("/", ".")
        assert rec.loc[table, "raw_rows"] == rows, table
        assert rec.loc[table, "raw_rows"] == rec.loc[table, "staged_rows"] + rec.loc[table, "quarantined_in_staging"]
    assert rec.is_reconciled.all()


def _clean_tracks(tiny) -> pd.DataFrame:
    """Independent pandas cleaning of the raw events: dedupe, drop bad rows and unknown accounts."""
    raw = duckdb.sql(f"select * from read_parquet('{tiny.raw}/product/tracks.parquet')").df()
    accounts = set(duckdb.sql(f"select account_id from read_parquet('{tiny.raw}/crm/accounts.parquet')").df().account_id)
    raw = raw.sort_values(["message_id", "received_at"]).drop_duplicates("message_id", keep="first")
    raw = raw[raw.event.notna() & raw.account_id.isin(accounts)]
    raw["day"] = raw.event_timestamp.dt.normalize()
    return raw[raw.day <= pd.Timestamp(tiny.as_of)]


def test_usage_windows_match_pandas(tiny):
    events = _clean_tracks(tiny)
    as_of = pd.Timestamp(tiny.as_of)
    mart = tiny.sql("select account_id, events_7d, events_30d, events_90d, active_users_30d, logins_30d, "
                    "last_login_date from marts.rpt_customer_360").set_index("account_id")
    for window in (7, 30, 90):
        recent = events[events.day > as_of - pd.Timedelta(days=window)]
        expected = recent.groupby("account_id").size().reindex(mart.index, fill_value=0)
        assert (mart[f"events_{window}d"] == expected).all(), window
    recent = events[events.day > as_of - pd.Timedelta(days=30)]
    users = recent.groupby("account_id").user_id.nunique().reindex(mart.index, fill_value=0)
    assert (mart.active_users_30d == users).all()
    logins = recent[recent.event == "Signed In"].groupby("account_id").size().reindex(mart.index, fill_value=0)
    assert (mart.logins_30d == logins).all()
    last = events[events.event == "Signed In"].groupby("account_id").day.max().reindex(mart.index)
    assert (pd.to_datetime(mart.last_login_date).fillna(pd.Timestamp(0)) == last.fillna(pd.Timestamp(0))).all()


def test_support_and_survey_facts_match_pandas(tiny):
    as_of_end = pd.Timestamp(tiny.as_of) + pd.Timedelta(days=1)
    tickets = duckdb.sql(f"select * from read_parquet('{tiny.raw}/support/tickets.parquet')").df()
    tickets = tickets.sort_values("_loaded_at").drop_duplicates("ticket_id", keep="last")
    tickets = tickets[tickets.account_id.notna()]
    open_now = tickets[(tickets.created_at < as_of_end) & (tickets.solved_at.isna() | (tickets.solved_at >= as_of_end))]
    mart = tiny.sql("select account_id, open_tickets, latest_nps_score from marts.rpt_customer_360").set_index("account_id")
    expected = open_now.groupby("account_id").size().reindex(mart.index, fill_value=0)
    assert (mart.open_tickets == expected).all()
    nps = duckdb.sql(f"select * from read_parquet('{tiny.raw}/surveys/nps_responses.parquet')").df()
    nps = nps[nps.score.between(0, 10)].sort_values(["responded_at", "response_id"])
    latest = nps.groupby("account_id").score.last().reindex(mart.index)
    assert (mart.latest_nps_score.fillna(-1) == latest.fillna(-1)).all()


def test_champion_presence_matches_contacts(tiny):
    truth = tiny.truth("accounts")
    departed = truth.dropna(subset=["champion_departed_date"])
    mart = tiny.sql("select account_id, last_champion_departure_date from marts.dim_accounts").set_index("account_id")
    got = pd.to_datetime(mart.loc[departed.account_id, "last_champion_departure_date"])
    assert (got.values == pd.to_datetime(departed.champion_departed_date).values).all()


def test_staging_normalises_without_losing_rows(tiny):
    emails = tiny.sql("select email from staging.stg_crm__contacts").email
    assert (emails == emails.str.strip().str.lower()).all()
    segments = set(tiny.sql("select distinct segment from staging.stg_crm__accounts").segment)
    assert segments == {"enterprise", "mid_market", "smb", "starter"}


def test_account_days_cover_each_lifetime(tiny):
    days = tiny.sql("""select account_id, min(date_day) as first_day, max(date_day) as last_day,
                              count(*) as n, sum(is_customer::int) as customer_days
                       from intermediate.int_account_days_aggregated group by 1""")
    truth = tiny.truth("accounts").merge(days, on="account_id", how="left")
    assert (pd.to_datetime(truth.first_day) == pd.to_datetime(truth.signup_date)).all()
    span = (pd.to_datetime(truth.last_day) - pd.to_datetime(truth.first_day)).dt.days + 1
    assert (truth.n == span).all()
    daily = tiny.truth("health_daily").groupby("account_id").size()
    assert (truth.set_index("account_id").customer_days == daily.reindex(truth.account_id).values).all()
