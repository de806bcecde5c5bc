"""Personal data in the BI marts (docs/DEFINITIONS.md 7): contact names only when var
expose_contact_names is on, masked e-mails and names in the quarantine, and the
no_personal_data test that fails when a mart carries them."""
from __future__ import annotations

import re
import shutil

from conftest import TINY, Build, run_dbt

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]")


def test_default_marts_carry_roles_not_names(tiny):
    dim = tiny.sql("select champion_contact_id, champion_name, executive_sponsor_name from marts.dim_accounts")
    assert dim.champion_contact_id.notna().sum() > 0
    assert dim.champion_name.isna().all() and dim.executive_sponsor_name.isna().all()
    evidence = tiny.sql("select distinct evidence from marts.fct_account_signals_daily "
                        "where signal = 'champion_departed'").evidence
    assert len(evidence) > 0
    assert all(re.fullmatch(r"champion left on \d{4}-\d{2}-\d{2}", text) for text in evidence), list(evidence)[:3]


def test_quarantine_masks_emails(tiny):
    records = tiny.sql("select raw_record from marts.fct_quarantined_rows where raw_record like '%@%'").raw_record
    assert len(records) > 0, "the tiny fixtures quarantine rows with e-mail addresses"
    assert not any(EMAIL.search(text) for text in records)
    assert all("***@" in text for text in records)


def test_names_on_request_and_the_test_that_catches_them(tmp_path, tiny):
    """With expose_contact_names the dimension names the champion in force (checked against
    the staged contacts); the same table then fails no_personal_data when the var is off,
    naming the column."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny.db, db)
    named = {"expose_contact_names": True}
    # the signal inputs are incremental and keep the evidence they stored: switching the
    # var needs a full refresh (docs/DEFINITIONS.md 7)
    run_dbt(["build", "--full-refresh", "--select", "dim_accounts", "int_account_signal_inputs"], db,
            tmp_path / "target", tiny.raw, TINY.end, extra_vars=named)
    build = Build(tiny.raw, db, tiny.target, TINY.end)
    joined = build.sql("""
        select dim.champion_name, contacts.first_name || ' ' || contacts.last_name as expected
        from marts.dim_accounts as dim
        inner join staging.stg_crm__contacts as contacts on dim.champion_contact_id = contacts.contact_id
    """)
    assert len(joined) > 0 and (joined.champion_name == joined.expected).all()
    detail = build.sql("select distinct champion_departure_detail as text from intermediate.int_account_signal_inputs "
                       "where champion_departure_detail is not null").text
    assert len(detail) > 0 and all(re.fullmatch(r"\w[\w' -]* \w[\w' -]* left on \d{4}-\d{2}-\d{2}", t) for t in detail)

    proc = run_dbt(["test", "--select", "dim_accounts,test_name:no_personal_data"], db, tmp_path / "target",
                   tiny.raw, TINY.end, check=False)
    assert proc.returncode != 0 and "FAIL 2 no_personal_data_dim_accounts_" in proc.stdout, proc.stdout[-3000:]
    compiled = next((tmp_path / "target" / "compiled").rglob("no_personal_data_dim_accounts_.sql"))
    found = build.sql(compiled.read_text())
    assert set(found.column_name) == {"champion_name", "executive_sponsor_name"}
    assert set(found.finding) == {"a contact's name"}


def test_bad_expose_contact_names_value_is_named(tmp_path, tiny):
    proc = run_dbt(["build", "--select", "stg_crm__accounts"], tmp_path / "w.duckdb", tmp_path / "target",
                   tiny.raw, TINY.end, check=False, extra_vars={"expose_contact_names": "yes"})
    assert proc.returncode != 0
    assert "var expose_contact_names: 'yes' is not true or false" in proc.stdout
