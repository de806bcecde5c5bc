"""A bad cell never silently drops a paying customer (docs/RAW_CONTRACT.md, column rules;
docs/DEFINITIONS.md 1): the issue's cells planted in CSV exports of the tiny fixtures,
each checked for where it went."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import SEED, TINY, Build, run_dbt
from health_fixtures.generate import generate


@pytest.fixture(scope="module")
def bad_cells(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad_cells")
    raw = tmp / "raw"
    generate(TINY.accounts, TINY.start, TINY.end, SEED, raw, "csv", progress=lambda _: None)
    lines_csv = raw / "billing" / "subscription_lines.csv"
    lines = pd.read_csv(lines_csv, dtype=str, keep_default_na=False)
    per_account = lines.groupby("account_id").line_id.transform("count")
    only = lines[(per_account == 1) & (lines.ended_on == "")]
    a, b, c, d, e = only.index[:5]
    cells = {  # line index: (column, bad value)
        a: ("mrr", "abc"), b: ("seats", "ten"), c: ("started_on", "03/15/2026"), d: ("mrr", "1e12"),
        e: ("unit_price", "n/a"),
    }
    for index, (column, value) in cells.items():
        lines.loc[index, column] = value
    lines.to_csv(lines_csv, index=False)
    tickets_csv = raw / "support" / "tickets.csv"
    tickets = pd.read_csv(tickets_csv, dtype=str, keep_default_na=False)
    once = tickets.ticket_id.map(tickets.ticket_id.value_counts()) == 1
    ticket = tickets[once & (tickets.solved_at != "") & tickets.account_id.isin(lines.account_id)].index[0]
    tickets.loc[ticket, "solved_at"] = "31/12/2025 10:00"
    tickets.to_csv(tickets_csv, index=False)
    tracks_csv = raw / "product" / "tracks.csv"
    tracks = pd.read_csv(tracks_csv, dtype=str, keep_default_na=False)
    unique = tracks.message_id.map(tracks.message_id.value_counts()) == 1
    event = tracks[unique & tracks.account_id.isin(lines.account_id) & (tracks.event != "")].index[0]
    tracks.loc[event, "event_value"] = "n/a"
    tracks.to_csv(tracks_csv, index=False)
    build = Build(raw=raw, db=tmp / "warehouse.duckdb", target=tmp / "target", as_of=TINY.end)
    run_dbt(["build"], build.db, build.target, raw, TINY.end)
    planted = {name: lines.loc[index] for name, index in zip("abcde", (a, b, c, d, e))}
    return build, planted, tickets.loc[ticket], tracks.loc[event]


def test_each_unparsed_cell_has_a_row_saying_what_became_of_it(bad_cells):
    build, line, ticket, event = bad_cells
    cells = build.sql("select record_key, column_name, raw_value, row_outcome from marts.fct_unparsed_cells")
    got = {(r.record_key, r.column_name): (r.raw_value, r.row_outcome) for r in cells.itertuples()}
    assert got[(line["a"].line_id, "mrr")] == ("abc", "kept aside")
    assert got[(line["b"].line_id, "seats")] == ("ten", "kept, cell read as null")
    assert got[(line["c"].line_id, "started_on")] == ("03/15/2026", "kept aside")
    assert got[(line["e"].line_id, "unit_price")] == ("n/a", "kept, cell read as null")
    assert got[(ticket.ticket_id, "solved_at")] == ("31/12/2025 10:00", "kept, cell read as null")
    assert got[(event.message_id, "event_value")] == ("n/a", "kept, cell read as null")
    assert len(got) == 6, got  # the generator's CSVs hold no other unreadable cell


def test_rows_kept_aside_by_rule_including_the_outlier(bad_cells):
    build, line, _, _ = bad_cells
    rules = build.sql("select record_key, quarantine_rule, account_id from marts.fct_quarantined_rows "
                      "where source_table = 'billing.subscription_lines'")
    got = {r.record_key: (r.quarantine_rule, r.account_id) for r in rules.itertuples()}
    assert got[line["a"].line_id] == ("invalid_mrr", line["a"].account_id)
    assert got[line["c"].line_id] == ("invalid_started_date", line["c"].account_id)
    assert got[line["d"].line_id] == ("mrr_above_limit", line["d"].account_id)
    assert line["b"].line_id not in got and line["e"].line_id not in got


def test_accounts_stay_visible_with_a_data_quality_flag(bad_cells):
    build, line, ticket, event = bad_cells
    ids = [line[k].account_id for k in "abcde"] + [ticket.account_id, event.account_id]
    listed = ", ".join(f"'{i}'" for i in ids)
    c360 = build.sql(f"select * from marts.rpt_customer_360 where account_id in ({listed})").set_index("account_id")
    assert set(c360.index) == set(ids)
    assert c360.has_data_quality_issue.all()
    for key in "acd":  # the only line kept aside: no revenue, but the flag says why
        row = c360.loc[line[key].account_id]
        assert row.raw_rows_kept_aside == 1 and row.mrr == 0
    for key in "be":  # the line kept, one cell read as null: still a paying customer
        row = c360.loc[line[key].account_id]
        assert row.unparsed_cells == 1 and row.customer_status == "active"
        assert row.mrr == pytest.approx(float(line[key].mrr))
    assert c360.loc[line["b"].account_id].seats == 0
    # no ARR of 1.2e13 anywhere
    assert build.sql("select max(current_arr) as arr from marts.dim_accounts").arr[0] < 12_000_000
    # the flag is exactly: a lost raw row or a nulled cell of the account (the fixtures' own dirt too)
    flagged = set(build.sql("select account_id from marts.dim_accounts where has_data_quality_issue").account_id)
    lost = build.sql("""select account_id from marts.fct_quarantined_rows where quarantine_stage = 'staging'
        and quarantine_rule != 'superseded_by_later_version' and quarantine_rule not like 'duplicate%'""")
    nulled = build.sql("select account_id from marts.fct_unparsed_cells where row_outcome != 'kept aside'")
    known = set(build.sql("select account_id from marts.dim_accounts").account_id)
    assert flagged == (set(lost.account_id) | set(nulled.account_id)) & known
    assert set(ids) <= flagged
