{#- One row per account and lifetime day (unique: account_id, date_day) with the
    trailing-window facts the health sub-metrics are computed from: distinct
    users and features in 30 days, sums over 30 / 90 / 365 days, the latest NPS,
    seats 90 days earlier, days past due. Only data dated on or before each day is
    used. A domain with no data at all (no help desk, no CRM contacts) gives nulls
    for its facts, so its sub-metrics count as missing rather than perfect. -#}
with days as (
    select * from {{ ref('int_account_days_aggregated') }}
),

user_deltas as (
    {{ trailing_distinct_deltas(
        ref('int_user_days_aggregated'), 'user_id', 30
    ) }}
),

feature_deltas as (
    {{ trailing_distinct_deltas(
        ref('int_account_feature_days_aggregated'), 'feature_name', 30
    ) }}
),

core_feature_days as (
    select * from {{ ref('int_account_feature_days_aggregated') }}
    where feature_class = 'core'
),

core_feature_deltas as (
    {{ trailing_distinct_deltas('core_feature_days', 'feature_name', 30) }}
),

deltas as (
    select
        account_id,
        date_day,
        sum(delta) as user_delta,
        0 as feature_delta,
        0 as core_feature_delta
    from user_deltas
    group by account_id, date_day
    union all
    select
        account_id,
        date_day,
        0 as user_delta,
        sum(delta) as feature_delta,
        0 as core_feature_delta
    from feature_deltas
    group by account_id, date_day
    union all
    select
        account_id,
        date_day,
        0 as user_delta,
        0 as feature_delta,
        sum(delta) as core_feature_delta
    from core_feature_deltas
    group by account_id, date_day
),

daily_deltas as (
    select
        account_id,
        date_day,
        sum(user_delta) as user_delta,
        sum(feature_delta) as feature_delta,
        sum(core_feature_delta) as core_feature_delta
    from deltas
    group by account_id, date_day
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

overdue as (
    select
        days.account_id,
        days.date_day,
        max({{ dbt.datediff('invoices.due_date', 'days.date_day', 'day') }})
            as max_days_past_due
    from days
    inner join invoices
        on
            days.account_id = invoices.account_id
            and cast(invoices.issued_at as date) <= days.date_day
            and days.date_day > invoices.due_date
            and (
                invoices.paid_at is null
                or cast(invoices.paid_at as date) > days.date_day
            )
    group by days.account_id, days.date_day
),

domains as (
    select
        (select count(*) from {{ ref('stg_support__tickets') }}) > 0
            as has_support_data,
        (select count(*) from {{ ref('stg_crm__contacts') }}) > 0
            as has_contact_data
),

windowed as (
    select
        days.*,
        {%- for column, expression in [
            ('active_users_30d', 'coalesce(daily_deltas.user_delta, 0)'),
            ('features_used_30d', 'coalesce(daily_deltas.feature_delta, 0)'),
            ('core_features_used_30d',
                'coalesce(daily_deltas.core_feature_delta, 0)'),
        ] %}
        sum({{ expression }}) over (
            partition by days.account_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as {{ column }},
        {%- endfor %}
        {%- for measure, window_days, alias in [
            ('events', 30, 'events_30d'),
            ('active_users', 30, 'active_user_days_30d'),
            ('logins', 30, 'logins_30d'),
            ('meetings_held', 90, 'meetings_held_90d'),
            ('meetings_cancelled', 90, 'meetings_cancelled_90d'),
            ('emails_sent', 90, 'emails_sent_90d'),
            ('emails_replied', 90, 'emails_replied_90d'),
            ('tickets_opened', 90, 'tickets_opened_90d'),
            ('tickets_escalated', 90, 'tickets_escalated_90d'),
            ('csat_responses', 90, 'csat_responses_90d'),
            ('csat_score_sum', 90, 'csat_score_sum_90d'),
            ('ticket_sentiment_sum', 90, 'ticket_sentiment_sum_90d'),
            ('payments_failed', 90, 'payments_failed_90d'),
            ('1', 30, 'days_in_window_30d'),
        ] %}
        sum({{ 'days.' ~ measure if measure != '1' else '1' }}) over (
            partition by days.account_id
            order by days.date_day
            rows between {{ window_days - 1 }} preceding and current row
        ) as {{ alias }},
        {%- endfor %}
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
        ) as latest_nps,
        lag(days.seats, 90) over (
            partition by days.account_id order by days.date_day
        ) as seats_90d_ago,
        case
            when days.mrr > lag(days.mrr) over (
                partition by days.account_id order by days.date_day
            ) and lag(days.mrr) over (
                partition by days.account_id order by days.date_day
            ) > 0 then 1
            else 0
        end as is_expansion_day,
        coalesce(overdue.max_days_past_due, 0) as max_days_past_due,
        domains.has_support_data,
        domains.has_contact_data
    from days
    cross join domains
    left join daily_deltas
        on
            days.account_id = daily_deltas.account_id
            and days.date_day = daily_deltas.date_day
    left join overdue
        on
            days.account_id = overdue.account_id
            and days.date_day = overdue.date_day
),

final as (
    select
        *,
        max(is_expansion_day) over (
            partition by account_id
            order by date_day
            rows between 364 preceding and current row
        ) as has_expansion_365d,
        lag(events_30d, 30) over (
            partition by account_id order by date_day
        ) as events_prior_30d
    from windowed
)

select * from final  -- noqa: AM04
