{#- One row per account, feature and day the feature was used (login events
    excluded: signing in is not adopting a feature). Events whose name is not in
    the feature catalogue count under feature_name 'uncatalogued'. -#}
with events as (
    select * from {{ ref('int_events_enriched') }}
    where not is_login_event
),

final as (
    select
        account_id,
        feature_name,
        date_day,
        feature_class,
        count(*) as events,
        count(distinct user_id) as users
    from events
    group by account_id, feature_name, date_day, feature_class
)

select * from final
