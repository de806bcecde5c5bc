"""Maps a dataset in the Fight Churn layout (the ChurnSim export of *Fighting Churn With Data*)
into the raw contract.

    health-load-fightchurn [--src DIR] [--out DIR] [--as-of DATE]

DIR holds account.csv, subscription.csv, event.csv(.gz) and event_type.csv. The public
"socialnet7" dataset (../shared/external/fightchurn, or the book's repository) is one
example; any simulation or export in the same four files loads the same way. The
layout has only product events and billing terms, so the loader writes five raw tables
and leaves every other system absent (the build makes those empty):

  crm/accounts                 one row per account: id FC-<id>, segment Starter, country;
                               no CSM, no domain
  billing/subscription_lines   one subscription per account, product and run of back-to-back
                               terms (a gap starts a new subscription: a reactivation); a new
                               line version whenever a term's MRR, quantity or period changes.
                               Each line keeps its own MRR, so an account's MRR is the sum of
                               its products; the product with the most revenue is the plan
                               (seats = quantity, else 1), the others are add-ons (0 seats).
                               The billing interval comes from bill_period_months (1 month,
                               3 quarter, 6 half_year, 12 year). A subscription whose last
                               term runs past the as-of date is open (ended_on null);
                               terms starting after it are not known yet and are left out.
  product/users                one user per account and user_id of the events
  product/features             the event types, all core features; no sign-in event exists,
                               so none is marked as login
  product/tracks               one row per event with its user and event_value; message id
                               from the row number

The as-of date is the day after the last event unless --as-of says otherwise (socialnet7:
2021-01-01). Nothing is invented: no invoices or payments, tickets, surveys or CRM
activity. The matching scoring configuration is the `fightchurn` config set of the
scoring seeds (make fightchurn builds with it).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SRC = ROOT.parent / "shared" / "external" / "fightchurn"
DEFAULT_OUT = ROOT / "data" / "fightchurn" / "raw"
FILES = ("account.csv", "subscription.csv", "event.csv", "event_type.csv")
INTERVALS = {1: "month", 3: "quarter", 6: "half_year", 12: "year"}

TABLES = {
    "crm/accounts": """
        select
            'FC-' || id as account_id,
            'customer ' || id as account_name,
            cast(null as varchar) as domain,
            'Starter' as segment,
            cast(null as varchar) as industry,
            cast(null as integer) as employee_count,
            cast(country as varchar) as billing_country,
            cast(null as varchar) as region,
            cast(null as varchar) as csm_owner_id,
            cast(first_start as timestamp) as created_at,
            false as is_deleted,
            {loaded_at} as _loaded_at
        from account
        left join (
            select account_id, min(start_date) as first_start
            from subscription group by account_id
        ) as terms on account.id = terms.account_id
        order by id""",
    "billing/subscription_lines": """
        with terms as (
            select
                account_id,
                cast(product as varchar) as product,
                start_date,
                end_date,
                cast(mrr as double) as mrr,
                coalesce(cast(cast(quantity as double) as integer), 1) as quantity,
                cast(bill_period_months as integer) as bill_period_months
            from subscription
            where start_date <= {as_of}
        ),
        ordered as (
            select
                *,
                lag(end_date) over product_terms as previous_end,
                lag(mrr) over product_terms as previous_mrr,
                lag(quantity) over product_terms as previous_quantity,
                lag(bill_period_months) over product_terms as previous_period
            from terms
            window product_terms as (partition by account_id, product order by start_date)
        ),
        numbered as (
            select
                *,
                sum(case when previous_end = start_date then 0 else 1 end) over product_terms
                    as subscription_number,
                sum(case
                    when previous_end = start_date and mrr = previous_mrr
                        and quantity = previous_quantity and bill_period_months = previous_period
                    then 0 else 1 end) over product_terms as line_number
            from ordered
            window product_terms as (partition by account_id, product order by start_date
                                     rows between unbounded preceding and current row)
        ),
        lines as (
            select
                account_id, product, subscription_number, line_number,
                min(start_date) as started_on,
                max(end_date) as last_end,
                any_value(mrr) as mrr,
                any_value(quantity) as quantity,
                any_value(bill_period_months) as bill_period_months
            from numbered
            group by account_id, product, subscription_number, line_number
        ),
        plans as (
            select
                account_id,
                product,
                row_number() over (partition by account_id order by sum(mrr) desc, product)
                    as revenue_rank
            from terms
            group by account_id, product
        ),
        final as (
            select
                lines.*,
                plans.revenue_rank = 1 as is_plan,
                line_number = max(line_number) over (
                    partition by lines.account_id, lines.product, subscription_number
                ) as is_last_version
            from lines
            inner join plans using (account_id, product)
        )
        select
            'FCL-' || account_id || '-' || product || '-' || subscription_number || '-' || line_number
                as line_id,
            'FCS-' || account_id || '-' || product || '-' || subscription_number as subscription_id,
            'FC-' || account_id as account_id,
            product as plan_id,
            product as plan_name,
            case bill_period_months
                {intervals}
            end as billing_interval,
            case when is_plan then quantity else 0 end as seats,
            mrr / nullif(quantity, 0) as unit_price,
            mrr,
            'usd' as currency,
            started_on,
            case when not is_last_version or last_end <= {as_of} then last_end end as ended_on,
            cast(null as timestamp) as canceled_at,
            {loaded_at} as _loaded_at
        from final
        order by account_id, product, subscription_number, line_number""",
    "product/users": """
        select
            'FCU-' || account_id || '-' || user_id as user_id,
            'FC-' || account_id as account_id,
            cast(null as varchar) as email,
            case when user_rank = 1 then 'admin' else 'member' end as user_role,
            first_seen as created_at,
            {loaded_at} as _loaded_at
        from (
            select
                account_id,
                user_id,
                min(event_time) as first_seen,
                row_number() over (partition by account_id order by min(event_time), user_id)
                    as user_rank
            from event
            group by account_id, user_id
        ) as users
        order by account_id, user_id""",
    "product/features": """
        select
            event_type_name as event_name,
            event_type_name as feature_name,
            'core' as feature_class,
            false as is_login_event
        from event_type
        order by event_type_id""",
    "product/tracks": """
        select
            'FCE-' || row_number() over () as message_id,
            'FCU-' || event.account_id || '-' || event.user_id as user_id,
            'FC-' || event.account_id as account_id,
            event_type.event_type_name as event,
            event.event_time as event_timestamp,
            cast(event.event_value as double) as event_value,
            event.event_time as received_at,
            {loaded_at} as _loaded_at
        from event
        inner join event_type using (event_type_id)""",
}


def _find(src: Path, name: str) -> Path | None:
    for candidate in (src / name, src / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def _problems(con: duckdb.DuckDBPyConnection, paths: dict[str, Path]) -> list[str]:
    """What the loader cannot map, each naming the file and the rule."""
    found = []
    orphans = con.sql("""
        select 'subscription.csv', count(*) from subscription
        where account_id not in (select id from account)
        union all
        select 'event.csv', count(*) from event
        where account_id not in (select id from account)
           or event_type_id not in (select event_type_id from event_type)""").fetchall()
    found += [f"{paths[file]}: {rows} rows name an unknown account or event type" for file, rows in orphans if rows]
    periods = con.sql(f"""
        select bill_period_months, count(*), min(account_id) from subscription
        where bill_period_months is null or bill_period_months not in ({', '.join(map(str, INTERVALS))})
        group by 1 order by 1""").fetchall()
    found += [f"{paths['subscription.csv']}: {rows} rows have bill_period_months {period} (first account "
              f"{account}); the raw contract knows {', '.join(f'{m} ({n})' for m, n in INTERVALS.items())}"
              for period, rows, account in periods]
    return found


def load(src: Path, out: Path, as_of: date | None = None) -> dict[str, int]:
    """Writes the raw tables as Parquet under out; returns rows written per table."""
    paths = {name: _find(src, name) for name in FILES}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        raise FileNotFoundError(f"{src}: missing {', '.join(missing)} (see the dataset README)")
    counts: dict[str, int] = {}
    with duckdb.connect() as con:
        for name, path in paths.items():
            con.execute(f"create view {name.split('.')[0]} as select * from read_csv('{path}', header = true)")
        problems = _problems(con, paths)
        if problems:
            raise ValueError("; ".join(problems))
        if as_of is None:
            as_of = con.sql("select cast(max(event_time) as date) + 1 from event").fetchall()[0][0]
        params = {
            "as_of": f"date '{as_of}'",
            "loaded_at": f"timestamp '{as_of} 06:00:00'",
            "intervals": " ".join(f"when {m} then '{n}'" for m, n in INTERVALS.items()),
        }
        for table, sql in TABLES.items():
            path = out / f"{table}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"copy ({sql.format(**params)}) to '{path}' (format parquet, compression zstd)")
            counts[table] = con.sql(f"select count(*) from '{path}'").fetchall()[0][0]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help=f"dataset folder (default {DEFAULT_SRC})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"raw_path to write (default {DEFAULT_OUT})")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="the dataset's as-of date (default: the day after the last event)")
    opts = parser.parse_args(argv)
    try:
        counts = load(opts.src.resolve(), opts.out.resolve(), opts.as_of)
    except (FileNotFoundError, ValueError) as error:
        print(f"health-load-fightchurn: {error}", file=sys.stderr)
        return 2
    for table, rows in counts.items():
        print(f"{opts.out / table}.parquet: {rows:,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
