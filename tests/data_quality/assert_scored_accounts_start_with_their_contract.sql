{{ config(severity='warn') }}
{#- Warns when the stored score history starts an account later than its
    contract, printing "accounts scored from a later day than their contract:
    fct_health_scores_daily lacks the first days of accounts under contract
    before their first stored day: N (the first <account_id>: under contract
    from <day>, stored from <day>) ...". A full build scores an account from
    its first subscription line's start (int_account_days_spined); a daily run
    writes the days after its cut, so an account that reaches the CRM after
    the billing system exported its lines, or a line exported with a start
    before the cut, leaves those days out until a --full-refresh
    (docs/DEFINITIONS.md 6). The late-row log (fct_raw_loads) sees the line
    only when the line itself was loaded since the last run. An account has
    days when a line is open or ended after its first start, as in the spine. -#}
{% set violations %}
    with contracts as (
        select
            lines.account_id,
            min(lines.started_date) as first_started_date,
            max(case when lines.ended_date is null then 1 else 0 end)
                as has_open_line,
            max(lines.ended_date) as last_ended_date
        from {{ ref('stg_billing__subscription_lines') }} as lines
        inner join {{ ref('stg_crm__accounts') }} as crm_accounts
            on lines.account_id = crm_accounts.account_id
        where lines.started_date <= {{ as_of_date() }}
        group by lines.account_id
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
            contracts.account_id,
            contracts.first_started_date,
            stored.first_stored_day
        from contracts
        left join stored
            on contracts.account_id = stored.account_id
        where
            (
                contracts.has_open_line = 1
                or contracts.last_ended_date > contracts.first_started_date
            )
            and (
                stored.first_stored_day is null
                or stored.first_stored_day > contracts.first_started_date
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
        || ' dbt build --full-refresh' as violation
    from (
        select
            count(*) as accounts,
            min(account_id) as first_account_id
        from late
    ) as summary
    inner join late as first_late
        on summary.first_account_id = first_late.account_id
{% endset %}
{{ report_violations(violations, 'accounts scored from a later day than their contract') }}
