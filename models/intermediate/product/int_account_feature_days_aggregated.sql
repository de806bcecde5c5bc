{#- One row per account, feature and day the feature was used (login events
    excluded: signing in is not adopting a feature). Events whose name is not in
    the feature catalogue count under feature_name 'uncatalogued'. -#}
with tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

features as (
    select * from {{ ref('stg_product__features') }}
),

events as (
    select
        tracks.account_id,
        tracks.user_id,
        cast(tracks.occurred_at as date) as date_day,
        coalesce(features.feature_name, 'uncatalogued') as feature_name,
        coalesce(features.feature_class, 'uncatalogued') as feature_class
    from tracks
    inner join accounts
        on tracks.account_id = accounts.account_id
    left join features
        on tracks.event_name = features.event_name
    where
        cast(tracks.occurred_at as date) <= {{ as_of_date() }}
        and not coalesce(features.is_login_event, false)
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
