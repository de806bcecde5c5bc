-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account, user and day with product activity, up to the as-of
    day. Incremental by day (docs/DEFINITIONS.md 6). -#}
with events as (
    select * from {{ ref('int_events_enriched') }}
    where {{ recomputed_days('date_day') }}
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
