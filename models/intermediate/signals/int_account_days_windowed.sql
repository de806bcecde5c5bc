-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account and lifetime day (unique: account_id, date_day): the
    day's facts of int_account_days_aggregated plus the trailing facts the risk
    signals test: distinct active users in 30 days, the last day anyone signed
    in and the latest NPS answer. Only data dated on or before each day is used.
    (Health sub-metrics come from the metric catalogue, int_account_metrics_daily.)
    Incremental by day (docs/DEFINITIONS.md 6): a daily run recomputes the days
    after the last stored one less the lookback, reading the 29 days before them
    too (the 30-day window of active users); the last sign-in and the latest
    NPS continue from the stored day before the rows read. -#}
{%- set window_days = 30 %}
{%- set after = recomputed_cut() %}

with days as (
    select * from {{ ref('int_account_days_aggregated') }}
    where {{ day_after('date_day', after, window_days - 1) }}
),

user_days as (
    select
        account_id,
        user_id,
        date_day
    from {{ ref('int_user_days_aggregated') }}
    where {{ day_after('date_day', after, window_days - 1) }}
),

user_deltas as (
    {{ trailing_distinct_deltas('user_days', 'user_id', window_days) }}
),

daily_deltas as (
    select
        account_id,
        date_day,
        sum(delta) as user_delta
    from user_deltas
    group by account_id, date_day
),
{%- if after is not none %}

prior as (
    {{ prior_rows(['last_login_date', 'latest_nps'], after, window_days - 1) }}
),
{%- endif %}

final as (
    select
        days.*,
        sum(coalesce(daily_deltas.user_delta, 0)) over (
            partition by days.account_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as active_users_30d,
        {{ running_value(
            'max',
            'case when days.logins > 0 then days.date_day end',
            none if after is none else 'prior.last_login_date',
            'days.account_id', 'days.date_day'
        ) }} as last_login_date,
        {{ running_value(
            'last',
            'case when days.nps_responses > 0'
            ~ ' then days.nps_score_sum / days.nps_responses end',
            none if after is none else 'prior.latest_nps',
            'days.account_id', 'days.date_day'
        ) }} as latest_nps
    from days
    left join daily_deltas
        on
            days.account_id = daily_deltas.account_id
            and days.date_day = daily_deltas.date_day
    {%- if after is not none %}
    left join prior
        on days.account_id = prior.account_id
    {%- endif %}
)

select * from final  -- noqa: AM04
where {{ day_after('date_day', after) }}
