{{ config(severity='warn') }}
{#- Warns when the stored score history holds an account the CRM export no longer
    holds (deleted there, rule deleted_in_crm, or left out), printing
    "accounts left the CRM: fct_health_scores_daily holds the days of accounts
    the CRM export no longer holds: N (the first <account_id>) ...". A full build
    scores only the CRM's accounts; a daily run keeps the days it does not
    recompute and the events it staged, so those stay until a --full-refresh
    (docs/DEFINITIONS.md 6). -#}
{% set violations %}
    select
        'fct_health_scores_daily holds the days of accounts the CRM export no'
        || ' longer holds: ' || cast(accounts as {{ dbt.type_string() }})
        || ' (the first ' || first_account_id
        || '), deleted there (deleted_in_crm) or left out: their stored days'
        || ' and staged events stay until dbt build --full-refresh'
        as violation
    from (
        select
            count(*) as accounts,
            min(stored.account_id) as first_account_id
        from (
            select distinct account_id
            from {{ ref('fct_health_scores_daily') }}
        ) as stored
        left join {{ ref('stg_crm__accounts') }} as crm_accounts
            on stored.account_id = crm_accounts.account_id
        where crm_accounts.account_id is null
    ) as missing
    where accounts > 0
{% endset %}
{{ report_violations(violations, 'accounts left the CRM') }}
