-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
-- depends_on: {{ ref('int_user_days_aggregated') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
    meta={'recompute_restarted_accounts': false},
) }}
{#- One row per account, feature and day the feature was used (login events
    excluded: signing in is not adopting a feature). Events whose name is not in
    the feature catalogue count under feature_name 'uncatalogued'. Two
    aggregations rather than a distinct count: per user first, then per
    feature, so the events are grouped once. Incremental by day
    (docs/DEFINITIONS.md 6); a restart keeps the account's stored days (meta
    recompute_restarted_accounts). Built after int_user_days_aggregated (the
    depends_on above; it reads nothing from it): both group every event, and at
    20,000 accounts each needs the whole memory limit, so that side by side
    they spill and take three to four times as long (docs/DECISIONLOG.md 36). -#}
{%- set after = recomputed_cut() %}

with recomputed as (
    {{ rows_day_after(ref('int_events_enriched'), 'occurred_at', after) }}
),

events as (
    select * from recomputed
    where not is_login_event
),

user_feature_days as (
    select
        account_id,
        feature_name,
        date_day,
        feature_class,
        user_id,
        count(*) as events
    from events
    group by account_id, feature_name, date_day, feature_class, user_id
),

final as (
    select
        account_id,
        feature_name,
        date_day,
        feature_class,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        count(user_id) as users
    from user_feature_days
    group by account_id, feature_name, date_day, feature_class
)

select * from final
{{ cluster_by_day() }}
