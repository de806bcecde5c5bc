{{ config(severity='warn') }}
{#- Warns when the stored score history starts an account later than its
    contract, printing "accounts scored from a later day than their contract:
    fct_health_scores_daily lacks the first days of accounts under contract
    before their first stored day: N (the first <account_id>: under contract
    from <day>, stored from <day>) ...". A full build scores an account from
    its first subscription line's start (int_account_days_spined); a daily run
    writes the days after its cut, so an account that reaches the CRM after
    the billing system exported its lines, or a line exported with a start
    before the cut, leaves those days out until a daily run with var
    recompute_from on or before the earliest such start, or a --full-refresh
    (docs/DEFINITIONS.md 6). The late-row log (fct_raw_loads) sees the line
    only when the line itself was loaded since the last run. The lifetimes are
    the spine's (account_lifetimes): an account has days when its lifetime
    ends on or after its first start. -#}
{% set violations %}
    with lines as (
        select lines.*
        from {{ ref('stg_billing__subscription_lines') }} as lines
        inner join {{ ref('stg_crm__accounts') }} as crm_accounts
            on lines.account_id = crm_accounts.account_id
        where lines.started_date <= {{ as_of_date() }}
    ),

    lifetimes as (
        {{ account_lifetimes('lines') }}
    ),

    stored as (
        select
            account_id,
            min(date_day) as first_stored_day
        from {{ ref('fct_health_scores_daily') }}
        group by account_id
    ),

    late as (
        select
            lifetimes.account_id,
            lifetimes.first_started_date,
            stored.first_stored_day
        from lifetimes
        left join stored
            on lifetimes.account_id = stored.account_id
        where
            lifetimes.last_customer_date >= lifetimes.first_started_date
            and (
                stored.first_stored_day is null
                or stored.first_stored_day > lifetimes.first_started_date
            )
    )

    select
        'fct_health_scores_daily lacks the first days of accounts under contract'
        || ' before their first stored day: '
        || cast(accounts as {{ dbt.type_string() }})
        || ' (the first ' || first_late.account_id
        || ': under contract from '
        || cast(first_late.first_started_date as {{ dbt.type_string() }})
        || ', stored from '
        || coalesce(
            cast(first_late.first_stored_day as {{ dbt.type_string() }}),
            'no day'
        )
        || '); they reached the CRM, or got a subscription line, dated before'
        || ' the days a daily run recomputes, and those days stay out until'
        || ' a daily run with --vars "{recompute_from: '
        || cast(summary.earliest_start as {{ dbt.type_string() }})
        || '}" or dbt build --full-refresh' as violation
    from (
        select
            count(*) as accounts,
            min(account_id) as first_account_id,
            min(first_started_date) as earliest_start
        from late
    ) as summary
    inner join late as first_late
        on summary.first_account_id = first_late.account_id
{% endset %}
{{ report_violations(violations, 'accounts scored from a later day than their contract') }}
