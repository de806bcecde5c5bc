-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
    meta={'recompute_restarted_accounts': false},
) }}
{#- One row per account, user and day with product activity, up to the as-of
    day. Incremental by day (docs/DEFINITIONS.md 6); a restart keeps the
    account's stored days (meta recompute_restarted_accounts). -#}
{%- set after = recomputed_cut() %}

with events as (
    {{ rows_day_after(ref('int_events_enriched'), 'occurred_at', after) }}
),

final as (
    select
        account_id,
        user_id,
        date_day,
        count(*) as events,
        sum(case when is_login_event then 1 else 0 end) as logins
    from events
    group by account_id, user_id, date_day
)

select * from final
{{ cluster_by_day() }}
