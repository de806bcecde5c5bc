-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
    meta={'day_column': 'first_days_through'},
) }}
{#- One row per account (primary key account_id): what it did in its first
    kpi_settings.first_days_window days as a customer (from its first
    subscription day): distinct features used (login excluded), distinct active
    users and their share of the seats it started with, events, logins, CSM
    meetings held and tickets opened, counted through first_days_through (the
    window's last day, or the as-of day while the window is open). The
    behavioural cohorts are cut on these.
    Incremental (docs/DEFINITIONS.md 6), cut on first_days_through instead of
    a day: a daily run recomputes the accounts whose figures count a day after
    the cut (and the restarted accounts), reading the account-, user- and
    feature-days from first_days_window - 1 days before the first recomputed
    day; a window that closed before it keeps its stored row. -#}
{%- set after = recomputed_cut() %}
{#- how far before the first recomputed day the windows read #}
{%- set days_back = none %}
{%- if after is not none %}
{%- set days_back = query_rows(
    'select first_days_window from ' ~ ref('kpi_settings'),
    int_columns=['first_days_window'])[0].first_days_window - 1 %}
{%- endif %}

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

through as (
    select
        *,
        case
            when last_day < {{ as_of_date() }} then last_day
            else {{ as_of_date() }}
        end as first_days_through
    from windows
),

recomputed as (
    select * from through
    where {{ day_after('first_days_through', after) }}
),

account_days as (
    {{ rows_day_after(
        ref('int_account_days_aggregated'), 'date_day', after, days_back
    ) }}
),

user_days as (
    {{ rows_day_after(
        ref('int_user_days_aggregated'), 'date_day', after, days_back
    ) }}
),

feature_days as (
    {{ rows_day_after(
        ref('int_account_feature_days_aggregated'), 'date_day', after, days_back
    ) }}
),

daily as (
    select
        recomputed.account_id,
        sum(account_days.events) as events_first_days,
        sum(account_days.logins) as logins_first_days,
        sum(account_days.meetings_held) as meetings_held_first_days,
        sum(account_days.tickets_opened) as tickets_first_days,
        max(
            case
                when account_days.date_day = recomputed.first_day
                    then account_days.seats
            end
        ) as starting_seats
    from recomputed
    inner join account_days
        on
            recomputed.account_id = account_days.account_id
            and account_days.date_day
            between recomputed.first_day and recomputed.last_day
    group by recomputed.account_id
),

users as (
    select
        recomputed.account_id,
        count(distinct user_days.user_id) as active_users_first_days
    from recomputed
    inner join user_days
        on
            recomputed.account_id = user_days.account_id
            and user_days.date_day
            between recomputed.first_day and recomputed.last_day
    group by recomputed.account_id
),

features as (
    select
        recomputed.account_id,
        count(distinct feature_days.feature_name) as features_used_first_days
    from recomputed
    inner join feature_days
        on
            recomputed.account_id = feature_days.account_id
            and feature_days.date_day
            between recomputed.first_day and recomputed.last_day
    group by recomputed.account_id
),

final as (
    select
        recomputed.account_id,
        recomputed.first_day,
        recomputed.first_days_through,
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
    from recomputed
    left join daily
        on recomputed.account_id = daily.account_id
    left join users
        on recomputed.account_id = users.account_id
    left join features
        on recomputed.account_id = features.account_id
)

select * from final
