{#- One row per account, user and day with product activity, up to the as-of
    day. Only events of known accounts (see fct_quarantined_rows for the others). -#}
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
        coalesce(features.is_login_event, false) as is_login_event
    from tracks
    inner join accounts
        on tracks.account_id = accounts.account_id
    left join features
        on tracks.event_name = features.event_name
    where cast(tracks.occurred_at as date) <= {{ as_of_date() }}
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
