{#- One row per account (primary key account_id): what it did in its first
    kpi_settings.first_days_window days as a customer (from its first
    subscription day): distinct features used (login excluded), distinct active
    users and their share of the seats it started with, events, logins, CSM
    meetings held and tickets opened. The behavioural cohorts are cut on these. -#}
with settings as (
    select first_days_window from {{ ref('kpi_settings') }}
),

firsts as (
    select
        spined.account_id,
        min(spined.date_day) as first_day
    from {{ ref('int_account_days_spined') }} as spined
    group by spined.account_id
),

windows as (
    select
        firsts.account_id,
        firsts.first_day,
        {{ dbt.dateadd(
            'day', 'settings.first_days_window - 1', 'firsts.first_day'
        ) }} as last_day
    from firsts
    cross join settings
),

daily as (
    select
        windows.account_id,
        sum(account_days.events) as events_first_days,
        sum(account_days.logins) as logins_first_days,
        sum(account_days.meetings_held) as meetings_held_first_days,
        sum(account_days.tickets_opened) as tickets_first_days,
        max(
            case
                when account_days.date_day = windows.first_day
                    then account_days.seats
            end
        ) as starting_seats
    from windows
    inner join {{ ref('int_account_days_aggregated') }} as account_days
        on
            windows.account_id = account_days.account_id
            and account_days.date_day
            between windows.first_day and windows.last_day
    group by windows.account_id
),

users as (
    select
        windows.account_id,
        count(distinct user_days.user_id) as active_users_first_days
    from windows
    inner join {{ ref('int_user_days_aggregated') }} as user_days
        on
            windows.account_id = user_days.account_id
            and user_days.date_day
            between windows.first_day and windows.last_day
    group by windows.account_id
),

features as (
    select
        windows.account_id,
        count(distinct feature_days.feature_name) as features_used_first_days
    from windows
    inner join {{ ref('int_account_feature_days_aggregated') }} as feature_days
        on
            windows.account_id = feature_days.account_id
            and feature_days.date_day
            between windows.first_day and windows.last_day
    group by windows.account_id
),

final as (
    select
        windows.account_id,
        windows.first_day,
        coalesce(features.features_used_first_days, 0)
            as features_used_first_days,
        coalesce(users.active_users_first_days, 0) as active_users_first_days,
        daily.starting_seats,
        cast(coalesce(users.active_users_first_days, 0) as double)
        / nullif(daily.starting_seats, 0) as active_user_share_first_days,
        coalesce(daily.events_first_days, 0) as events_first_days,
        coalesce(daily.logins_first_days, 0) as logins_first_days,
        coalesce(daily.meetings_held_first_days, 0)
            as meetings_held_first_days,
        coalesce(daily.tickets_first_days, 0) as tickets_first_days
    from windows
    left join daily
        on windows.account_id = daily.account_id
    left join users
        on windows.account_id = users.account_id
    left join features
        on windows.account_id = features.account_id
)

select * from final
