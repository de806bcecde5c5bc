"""Maps the public Fight Churn dataset (ChurnSim "socialnet7") into the raw contract.

    health-load-fightchurn [--src DIR] [--out DIR]

DIR holds account.csv, subscription.csv, event.csv.gz and event_type.csv (see
../shared/external/fightchurn/README.md). The dataset has only product events and
billing terms, so the loader writes five raw tables and leaves every other system
absent (the build makes those empty):

  crm/accounts                 one row per account: id FC-<id>, segment Starter (one
                               $10 consumer plan), country; no CSM, no domain
  billing/subscription_lines   one line per run of back-to-back monthly terms (the
                               dataset has one run per account; a gap would start a
                               new line, a reactivation): first start .. last end,
                               MRR 10, 1 seat; open (ended_on null) when the run
                               lasts past the as-of date, else ended on the churn date
  product/users                one user per account (the dataset's user_id is 0)
  product/features             the eight event types, all core features; no sign-in
                               event exists, so none is marked as login
  product/tracks               one row per event, message id from the row number

Nothing is invented: no invoices or payments (the terms carry no payment facts), no
tickets, surveys or CRM activity. The matching scoring configuration is the
`product_events` config set of the scoring seeds (make fightchurn builds with it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SRC = ROOT.parent / "shared" / "external" / "fightchurn"
DEFAULT_OUT = ROOT / "data" / "fightchurn" / "raw"
AS_OF = "2021-01-01"  # the dataset's as-of date: terms ending after it are still running
LOADED_AT = f"timestamp '{AS_OF} 06:00:00'"
FILES = ("account.csv", "subscription.csv", "event.csv.gz", "event_type.csv")

TABLES = {
    "crm/accounts": f"""
        select
            'FC-' || id as account_id,
            'socialnet customer ' || id as account_name,
            cast(null as varchar) as domain,
            'Starter' as segment,
            'consumer social network' as industry,
            1 as employee_count,
            country as billing_country,
            cast(null as varchar) as region,
            cast(null as varchar) as csm_owner_id,
            cast(first_start as timestamp) as created_at,
            false as is_deleted,
            {LOADED_AT} as _loaded_at
        from account
        left join (
            select account_id, min(start_date) as first_start
            from subscription group by account_id
        ) as terms on account.id = terms.account_id
        order by id""",
    "billing/subscription_lines": f"""
        with ordered as (
            select
                *,
                lag(end_date) over (partition by account_id order by start_date) as previous_end
            from subscription
        ),
        runs as (
            select
                *,
                sum(case when previous_end = start_date then 0 else 1 end)
                    over (partition by account_id order by start_date) as run_number
            from ordered
        )
        select
            'FCL-' || account_id || '-' || run_number as line_id,
            'FCS-' || account_id || '-' || run_number as subscription_id,
            'FC-' || account_id as account_id,
            any_value(product) as plan_id,
            any_value(product) as plan_name,
            'month' as billing_interval,
            1 as seats,
            cast(max(mrr) as double) as unit_price,
            cast(max(mrr) as double) as mrr,
            'usd' as currency,
            min(start_date) as started_on,
            case when max(end_date) <= date '{AS_OF}' then max(end_date) end as ended_on,
            cast(null as timestamp) as canceled_at,
            {LOADED_AT} as _loaded_at
        from runs
        group by account_id, run_number
        order by account_id, run_number""",
    "product/users": f"""
        select
            'FCU-' || account_id as user_id,
            'FC-' || account_id as account_id,
            cast(null as varchar) as email,
            'admin' as user_role,
            cast(min(start_date) as timestamp) as created_at,
            {LOADED_AT} as _loaded_at
        from subscription
        group by account_id
        order by account_id""",
    "product/features": """
        select
            event_type_name as event_name,
            event_type_name as feature_name,
            'core' as feature_class,
            false as is_login_event
        from event_type
        order by event_type_id""",
    "product/tracks": f"""
        select
            'FCE-' || row_number() over () as message_id,
            'FCU-' || event.account_id as user_id,
            'FC-' || event.account_id as account_id,
            event_type.event_type_name as event,
            event.event_time as event_timestamp,
            event.event_time as received_at,
            {LOADED_AT} as _loaded_at
        from event
        inner join event_type using (event_type_id)""",
}


def load(src: Path, out: Path) -> dict[str, int]:
    """Writes the raw tables as Parquet under out; returns rows written per table."""
    missing = [name for name in FILES if not (src / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{src}: missing {', '.join(missing)} (see the dataset README)")
    counts: dict[str, int] = {}
    with duckdb.connect() as con:
        for name in FILES:
            view = name.split(".")[0]
            con.execute(f"create view {view} as select * from read_csv('{src / name}', header = true)")
        # every subscription term and event must belong to a known account
        orphans = con.sql("""
            select 'subscription.csv', count(*) from subscription
            where account_id not in (select id from account)
            union all
            select 'event.csv.gz', count(*) from event
            where account_id not in (select id from account)
               or event_type_id not in (select event_type_id from event_type)""").fetchall()
        for file, rows in orphans:
            if rows:
                raise ValueError(f"{src / file}: {rows} rows name an unknown account or event type")
        for table, sql in TABLES.items():
            path = out / f"{table}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"copy ({sql}) to '{path}' (format parquet, compression zstd)")
            counts[table] = con.sql(f"select count(*) from '{path}'").fetchall()[0][0]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help=f"dataset folder (default {DEFAULT_SRC})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"raw_path to write (default {DEFAULT_OUT})")
    opts = parser.parse_args(argv)
    try:
        counts = load(opts.src.resolve(), opts.out.resolve())
    except (FileNotFoundError, ValueError) as error:
        print(f"health-load-fightchurn: {error}", file=sys.stderr)
        return 2
    for table, rows in counts.items():
        print(f"{opts.out / table}.parquet: {rows:,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
