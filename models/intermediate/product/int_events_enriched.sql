{#- One row per usable event (message_id) of a known account up to the as-of
    day, with its day, its name and value, and its feature from the catalogue. Events of unknown
    accounts are left out (see fct_quarantined_rows). -#}
with tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

features as (
    select * from {{ ref('stg_product__features') }}
),

final as (
    select
        tracks.message_id,
        tracks.account_id,
        tracks.user_id,
        tracks.occurred_at,
        cast(tracks.occurred_at as date) as date_day,
        tracks.event_name,
        tracks.event_value,
        coalesce(features.feature_name, 'uncatalogued') as feature_name,
        coalesce(features.feature_class, 'uncatalogued') as feature_class,
        coalesce(features.is_login_event, false) as is_login_event
    from tracks
    inner join accounts
        on tracks.account_id = accounts.account_id
    left join features
        on tracks.event_name = features.event_name
    where cast(tracks.occurred_at as date) <= {{ as_of_date() }}
)

select * from final
