{#- One row per account, user and day with product activity, up to the as-of
    day. -#}
with events as (
    select * from {{ ref('int_events_enriched') }}
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
