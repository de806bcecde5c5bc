{#- One row per account and lifetime day (unique: account_id, date_day): the
    day's facts of int_account_days_aggregated plus the trailing facts the risk
    signals test: distinct active users in 30 days, the last day anyone signed
    in and the latest NPS answer. Only data dated on or before each day is used.
    (Health sub-metrics come from the metric catalogue, int_account_metrics_daily.) -#}
with days as (
    select * from {{ ref('int_account_days_aggregated') }}
),

user_deltas as (
    {{ trailing_distinct_deltas(
        ref('int_user_days_aggregated'), 'user_id', 30
    ) }}
),

daily_deltas as (
    select
        account_id,
        date_day,
        sum(delta) as user_delta
    from user_deltas
    group by account_id, date_day
),

final as (
    select
        days.*,
        sum(coalesce(daily_deltas.user_delta, 0)) over (
            partition by days.account_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as active_users_30d,
        max(case when days.logins > 0 then days.date_day end) over (
            partition by days.account_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as last_login_date,
        last_value(
            case
                when days.nps_responses > 0
                    then days.nps_score_sum / days.nps_responses
            end
            ignore nulls
        ) over (
            partition by days.account_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as latest_nps
    from days
    left join daily_deltas
        on
            days.account_id = daily_deltas.account_id
            and days.date_day = daily_deltas.date_day
)

select * from final  -- noqa: AM04
