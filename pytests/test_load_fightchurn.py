"""The Fight Churn loader on hand-made datasets in the ChurnSim export format.

Three accounts: 0 churns after two monthly terms, 1 is still paying at the as-of date,
2 lapses for a month and comes back (two runs of terms, so two contract lines); and a B2B
export with plan and add-on lines, 6- and 12-month terms, user ids and event values.
"""
import gzip

import pandas as pd
import pytest

from health_harness.load_fightchurn import load, main

SUBSCRIPTIONS = [
    # account_id, start_date, end_date
    (0, "2020-01-05", "2020-02-05"), (0, "2020-02-05", "2020-03-05"),
    (1, "2020-11-20", "2020-12-20"), (1, "2020-12-20", "2021-01-20"),
    (2, "2020-03-01", "2020-04-01"), (2, "2020-05-01", "2020-06-01"), (2, "2020-06-01", "2020-07-01"),
]
EVENTS = [
    # account_id, event_time, event_type_id
    (0, "2020-01-05 10:00:00", 0), (0, "2020-01-05 10:00:00", 0), (0, "2020-02-10 08:30:00", 3),
    (1, "2020-12-31 23:59:59", 6), (2, "2020-05-02 12:00:00", 2),
]


def write_dataset(src, events=EVENTS):
    src.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"id": [0, 1, 2], "channel": ["web", "appstore1", "appstore2"],
                  "date_of_birth": ["1990-01-01"] * 3, "country": ["US", None, "DE"]}).to_csv(
        src / "account.csv", index=False)
    subs = pd.DataFrame(SUBSCRIPTIONS, columns=["account_id", "start_date", "end_date"])
    subs = subs.assign(product="basic", mrr=10, quantity=None, units=None, bill_period_months=1, discount=0)
    subs.to_csv(src / "subscription.csv", index=False)
    pd.DataFrame({"event_type_id": range(8), "event_type_name": [
        "post", "newfriend", "like", "adview", "dislike", "unfriend", "message", "reply"]}).to_csv(
        src / "event_type.csv", index=False)
    frame = pd.DataFrame(events, columns=["account_id", "event_time", "event_type_id"])
    frame = frame.assign(user_id=0, event_value=None)
    with gzip.open(src / "event.csv.gz", "wt") as out:
        frame.to_csv(out, index=False)


def read(out, table):
    return pd.read_parquet(out / f"{table}.parquet")


def test_loader_writes_the_raw_contract(tmp_path):
    write_dataset(tmp_path / "src")
    counts = load(tmp_path / "src", tmp_path / "raw", as_of=pd.Timestamp("2021-01-01").date())
    assert counts == {"crm/accounts": 3, "billing/subscription_lines": 4, "product/users": 3,
                      "product/features": 8, "product/tracks": 5}

    accounts = read(tmp_path / "raw", "crm/accounts").set_index("account_id")
    assert accounts.index.tolist() == ["FC-0", "FC-1", "FC-2"]
    assert set(accounts.segment) == {"Starter"} and accounts.csm_owner_id.isna().all()
    assert accounts.billing_country.fillna("(none)").tolist() == ["US", "(none)", "DE"]
    assert accounts.created_at.dt.strftime("%Y-%m-%d").tolist() == ["2020-01-05", "2020-11-20", "2020-03-01"]

    lines = read(tmp_path / "raw", "billing/subscription_lines").sort_values("line_id")
    got = [(r.account_id, str(r.started_on), None if pd.isna(r.ended_on) else str(r.ended_on))
           for r in lines.itertuples()]
    assert got == [
        ("FC-0", "2020-01-05", "2020-03-05"),   # churned: ends on its last term's end
        ("FC-1", "2020-11-20", None),           # paid past the as-of date: open
        ("FC-2", "2020-03-01", "2020-04-01"),   # lapsed in April ...
        ("FC-2", "2020-05-01", "2020-07-01"),   # ... and reactivated in May
    ]
    assert (lines.mrr == 10).all() and (lines.seats == 1).all() and set(lines.billing_interval) == {"month"}

    features = read(tmp_path / "raw", "product/features")
    assert len(features) == 8 and set(features.feature_class) == {"core"} and not features.is_login_event.any()

    tracks = read(tmp_path / "raw", "product/tracks")
    assert tracks.message_id.is_unique  # the two identical events stay two events
    assert sorted(tracks.event) == ["adview", "like", "message", "post", "post"]
    assert (tracks.event_timestamp == tracks.received_at).all()
    assert (tracks.user_id == "FCU-" + tracks.account_id.str[3:] + "-0").all()


def test_loader_names_the_file_it_cannot_use(tmp_path, capsys):
    write_dataset(tmp_path / "src", events=EVENTS + [(7, "2020-05-02 12:00:00", 2)])
    with pytest.raises(ValueError, match=r"event\.csv\.gz: 1 rows name an unknown account or event type"):
        load(tmp_path / "src", tmp_path / "raw")

    (tmp_path / "src" / "event_type.csv").unlink()
    assert main(["--src", str(tmp_path / "src"), "--out", str(tmp_path / "raw")]) == 2
    assert "missing event_type.csv" in capsys.readouterr().err


def test_b2b_terms_keep_plan_and_add_ons_apart(tmp_path):
    """A B2B export in the same layout: account 0 pays a 12-month plan of 5 seats plus a
    6-month add-on; its plan grows to 8 seats at renewal; account 1's 6-month term runs past
    the as-of date. Each product is its own subscription, MRR stays per line (the account's
    MRR is their sum), the period comes from bill_period_months, user ids and event values
    are kept, and --as-of decides what is still open."""
    src = tmp_path / "src"
    write_dataset(src)
    subs = pd.DataFrame([
        # account_id, product, start, end, mrr, quantity, bill_period_months
        (0, "team", "2020-01-01", "2021-01-01", 500, 5, 12),
        (0, "team", "2021-01-01", "2022-01-01", 800, 8, 12),
        (0, "analytics", "2020-03-01", "2020-09-01", 120, None, 6),
        (0, "analytics", "2020-09-01", "2021-03-01", 120, None, 6),
        (1, "team", "2020-10-01", "2021-04-01", 300, 3, 6),
        (2, "team", "2020-02-01", "2020-03-01", 100, 1, 1),
    ], columns=["account_id", "product", "start_date", "end_date", "mrr", "quantity", "bill_period_months"])
    subs.assign(units=None, discount=0).to_csv(src / "subscription.csv", index=False)
    events = pd.DataFrame({"account_id": [0, 0, 0, 1], "event_time": [
        "2020-05-01 09:00:00", "2020-05-01 10:00:00", "2020-06-01 09:00:00", "2020-12-01 09:00:00"],
        "event_type_id": [0, 2, 2, 6], "user_id": [7, 9, 7, 3], "event_value": [None, 2.5, 4.0, None]})
    with gzip.open(src / "event.csv.gz", "wt") as out:
        events.to_csv(out, index=False)

    load(src, tmp_path / "raw", as_of=pd.Timestamp("2021-02-15").date())
    lines = read(tmp_path / "raw", "billing/subscription_lines").sort_values("line_id").reset_index(drop=True)
    got = [(r.account_id, r.plan_id, r.billing_interval, r.seats, r.mrr, str(r.started_on),
            None if pd.isna(r.ended_on) else str(r.ended_on)) for r in lines.itertuples()]
    assert got == [
        ("FC-0", "analytics", "half_year", 0, 120.0, "2020-03-01", None),          # add-on, still running
        ("FC-0", "team", "year", 5, 500.0, "2020-01-01", "2021-01-01"),           # plan before the upgrade
        ("FC-0", "team", "year", 8, 800.0, "2021-01-01", None),                   # same subscription, upgraded
        ("FC-1", "team", "half_year", 3, 300.0, "2020-10-01", None),
        ("FC-2", "team", "month", 1, 100.0, "2020-02-01", "2020-03-01"),          # churned
    ]
    assert lines.subscription_id[1] == lines.subscription_id[2] != lines.subscription_id[0]
    users = read(tmp_path / "raw", "product/users").set_index("user_id")
    assert sorted(users.index) == ["FCU-0-7", "FCU-0-9", "FCU-1-3"]
    assert users.user_role["FCU-0-7"] == "admin" and users.user_role["FCU-0-9"] == "member"
    tracks = read(tmp_path / "raw", "product/tracks").sort_values("event_timestamp")
    assert tracks.user_id.tolist() == ["FCU-0-7", "FCU-0-9", "FCU-0-7", "FCU-1-3"]
    assert tracks.event_value.tolist()[1:3] == [2.5, 4.0] and tracks.event_value.isna().sum() == 2

    # the default as-of date is the day after the last event: the add-on ends after it too
    load(src, tmp_path / "raw2")
    open_lines = read(tmp_path / "raw2", "billing/subscription_lines")
    assert open_lines.ended_on.isna().sum() == 3 and (open_lines.started_on <= pd.Timestamp("2020-12-02").date()).all()


def test_unknown_billing_period_is_named(tmp_path):
    src = tmp_path / "src"
    write_dataset(src)
    subs = pd.read_csv(src / "subscription.csv")
    subs.loc[2, "bill_period_months"] = 2
    subs.to_csv(src / "subscription.csv", index=False)
    with pytest.raises(ValueError, match=r"subscription\.csv: 1 rows have bill_period_months 2 \(first account 1\)"):
        load(src, tmp_path / "raw")
