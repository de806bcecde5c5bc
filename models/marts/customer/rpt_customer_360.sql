{#- One row per account as of the end of var('as_of_date'): who they are, what
    they pay, and their usage, support, engagement, billing and survey facts over
    trailing 7 / 30 / 90 (or 180) day windows ending on the as-of day. -#}
{%- set windows = [7, 30, 90] -%}

with accounts as (
    select * from {{ ref('dim_accounts') }}
),

account_days as (
    select * from {{ ref('int_account_days_aggregated') }}
    where date_day > {{ days_before_as_of(180) }}
),

feature_days as (
    select * from {{ ref('int_account_feature_days_aggregated') }}
    where date_day > {{ days_before_as_of(30) }}
),

catalogue as (
    select count(distinct feature_name) as features_available
    from {{ ref('stg_product__features') }}
    where not is_login_event
),

daily_windows as (
    select
        account_id,
        {%- for w in windows %}
        sum(case
            when date_day > {{ days_before_as_of(w) }}
                then events
            else 0
        end) as events_{{ w }}d,
        {%- endfor %}
        sum(case
            when
                date_day > {{ days_before_as_of(60) }}
                and date_day <= {{ days_before_as_of(30) }}
                then events
            else 0
        end) as events_prior_30d,
        sum(case
            when date_day > {{ days_before_as_of(30) }}
                then logins
            else 0
        end) as logins_30d,
        avg(case
            when date_day > {{ days_before_as_of(30) }}
                then active_users
        end) as avg_daily_active_users_30d,
        {%- for w in [30, 90] %}
        sum(case
            when date_day > {{ days_before_as_of(w) }}
                then tickets_opened
            else 0
        end) as tickets_opened_{{ w }}d,
        {%- endfor %}
        max(case
            when date_day = {{ as_of_date() }} then open_tickets
        end) as open_tickets,
        {%- for measure in [
            'tickets_escalated', 'tickets_high_priority', 'tickets_solved',
            'resolution_hours_sum', 'ticket_sentiment_sum', 'csat_responses',
            'csat_score_sum', 'meetings_held', 'meetings_cancelled',
            'emails_sent', 'emails_replied', 'payments_failed',
            'champion_departures'
        ] %}
        sum(case
            when date_day > {{ days_before_as_of(90) }}
                then {{ measure }}
            else 0
        end) as {{ measure }}_90d,
        {%- endfor %}
        sum(case
            when date_day > {{ days_before_as_of(30) }}
                then tickets_negative
            else 0
        end) as tickets_negative_30d,
        sum(qbrs_held) as qbrs_held_180d,
        sum(nps_responses) as nps_responses_180d,
        sum(nps_promoters) as nps_promoters_180d,
        sum(nps_detractors) as nps_detractors_180d,
        max(case when meetings_held > 0 then date_day end) as last_meeting_date
    from account_days
    group by account_id
),

last_logins as (
    -- every account with a user-day, and its last day with a login (the
    -- user-days are read here and in recent_users_last_days, each with its
    -- own columns and days: one CTE read twice would be materialised whole)
    select
        account_id,
        max(case when logins > 0 then date_day end) as last_login_date
    from {{ ref('int_user_days_aggregated') }}
    group by account_id
),

recent_users_last_days as (
    -- each user's last active day within the longest window
    select
        account_id,
        user_id,
        max(date_day) as last_active_day
    from {{ ref('int_user_days_aggregated') }}
    where
        date_day > {{ days_before_as_of(windows | max) }}
        and user_id is not null
    group by account_id, user_id
),

recent_users as (
    -- a user is active in a window when their last active day falls in it
    select
        {%- for w in windows %}
        count(case
            when last_active_day > {{ days_before_as_of(w) }} then 1
        end) as active_users_{{ w }}d,
        {%- endfor %}
        account_id
    from recent_users_last_days
    group by account_id
),

distinct_users as (
    select
        last_logins.account_id,
        {%- for w in windows %}
        coalesce(recent_users.active_users_{{ w }}d, 0)
            as active_users_{{ w }}d,
        {%- endfor %}
        last_logins.last_login_date
    from last_logins
    left join recent_users
        on last_logins.account_id = recent_users.account_id
),

features as (
    select
        account_id,
        count(distinct feature_name) as features_used_30d,
        count(distinct case
            when feature_class = 'core' then feature_name
        end) as core_features_used_30d
    from feature_days
    group by account_id
),

latest_nps as (
    select
        account_id,
        nps_score,
        cast(responded_at as date) as nps_date,
        row_number() over (
            partition by account_id
            order by responded_at desc, nps_response_id desc
        ) as response_rank
    from {{ ref('stg_surveys__nps_responses') }}
    where cast(responded_at as date) <= {{ as_of_date() }}
),

overdue as (
    select
        account_id,
        count(*) as overdue_invoices,
        sum(amount_due) as overdue_amount,
        max({{ dbt.datediff('due_date', as_of_date(), 'day') }})
            as max_days_past_due
    from {{ ref('stg_billing__invoices') }}
    where
        cast(issued_at as date) <= {{ as_of_date() }}
        and due_date < {{ as_of_date() }}
        and (
            paid_at is null
            or cast(paid_at as date) > {{ as_of_date() }}
        )
    group by account_id
),

final as (
    select
        accounts.account_id,
        {{ as_of_date() }} as as_of_date,
        accounts.account_name,
        accounts.segment,
        accounts.region,
        accounts.industry,
        accounts.csm_owner_id,
        accounts.csm_name,
        accounts.customer_status,
        accounts.is_onboarding,
        cast(accounts.tenure_days as integer) as tenure_days,
        accounts.first_subscription_date,
        accounts.churned_date,
        accounts.renewal_date,
        cast({{ dbt.datediff(
            as_of_date(), 'accounts.renewal_date', 'day'
        ) }} as integer) as days_to_renewal,
        cast(accounts.current_mrr as double) as mrr,
        cast(accounts.current_arr as double) as arr,
        cast(accounts.current_seats as integer) as seats,
        accounts.plan_name,
        accounts.billing_interval,
        accounts.has_pending_cancellation,
        {%- for w in windows %}
        cast(coalesce(distinct_users.active_users_{{ w }}d, 0) as bigint)
            as active_users_{{ w }}d,
        {%- endfor %}
        cast(
            distinct_users.active_users_30d
            / nullif(accounts.current_seats, 0) as double
        ) as seat_utilisation_30d,
        cast(daily_windows.avg_daily_active_users_30d as double)
            as avg_daily_active_users_30d,
        cast(
            daily_windows.avg_daily_active_users_30d
            / nullif(distinct_users.active_users_30d, 0) as double
        ) as dau_mau_30d,
        {%- for w in windows %}
        cast(coalesce(daily_windows.events_{{ w }}d, 0) as bigint)
            as events_{{ w }}d,
        {%- endfor %}
        cast(coalesce(daily_windows.logins_30d, 0) as bigint) as logins_30d,
        cast(
            daily_windows.events_30d
            / nullif(distinct_users.active_users_30d, 0) as double
        ) as events_per_active_user_30d,
        cast(
            daily_windows.events_30d
            / nullif(daily_windows.events_prior_30d, 0) - 1 as double
        ) as usage_change_30d,
        distinct_users.last_login_date,
        cast({{ dbt.datediff(
            'distinct_users.last_login_date', as_of_date(), 'day'
        ) }} as integer) as days_since_last_login,
        cast(coalesce(features.features_used_30d, 0) as bigint)
            as features_used_30d,
        cast(coalesce(features.core_features_used_30d, 0) as bigint)
            as core_features_used_30d,
        cast(
            coalesce(features.features_used_30d, 0)
            / nullif(catalogue.features_available, 0) as double
        ) as feature_adoption_30d,
        cast(coalesce(daily_windows.tickets_opened_30d, 0) as bigint)
            as tickets_opened_30d,
        cast(coalesce(daily_windows.tickets_opened_90d, 0) as bigint)
            as tickets_opened_90d,
        cast(coalesce(daily_windows.open_tickets, 0) as bigint) as open_tickets,
        cast(coalesce(daily_windows.tickets_escalated_90d, 0) as bigint)
            as escalations_90d,
        cast(coalesce(daily_windows.tickets_high_priority_90d, 0) as bigint)
            as high_priority_tickets_90d,
        cast(coalesce(daily_windows.tickets_negative_30d, 0) as bigint)
            as negative_tickets_30d,
        round(cast(
            daily_windows.ticket_sentiment_sum_90d
            / nullif(daily_windows.tickets_opened_90d, 0) as double
        ), 9) as avg_ticket_sentiment_90d,
        round(cast(
            daily_windows.resolution_hours_sum_90d
            / nullif(daily_windows.tickets_solved_90d, 0) as double
        ), 9) as avg_resolution_hours_90d,
        cast(coalesce(daily_windows.csat_responses_90d, 0) as bigint)
            as csat_responses_90d,
        cast(
            daily_windows.csat_score_sum_90d
            / nullif(daily_windows.csat_responses_90d, 0) as double
        ) as avg_csat_90d,
        cast(coalesce(daily_windows.meetings_held_90d, 0) as bigint)
            as meetings_held_90d,
        cast(coalesce(daily_windows.meetings_cancelled_90d, 0) as bigint)
            as meetings_cancelled_90d,
        cast(coalesce(daily_windows.qbrs_held_180d, 0) as bigint)
            as qbrs_held_180d,
        daily_windows.last_meeting_date,
        cast({{ dbt.datediff(
            'daily_windows.last_meeting_date', as_of_date(), 'day'
        ) }} as integer) as days_since_last_meeting,
        cast(coalesce(daily_windows.emails_sent_90d, 0) as bigint)
            as emails_sent_90d,
        cast(coalesce(daily_windows.emails_replied_90d, 0) as bigint)
            as emails_replied_90d,
        cast(
            daily_windows.emails_replied_90d
            / nullif(daily_windows.emails_sent_90d, 0) as double
        ) as email_reply_rate_90d,
        accounts.has_champion,
        accounts.has_executive_sponsor,
        accounts.last_champion_departure_date,
        cast(coalesce(daily_windows.champion_departures_90d, 0) as bigint)
            as champion_departures_90d,
        cast(coalesce(daily_windows.payments_failed_90d, 0) as bigint)
            as failed_payments_90d,
        cast(coalesce(overdue.overdue_invoices, 0) as bigint)
            as overdue_invoices,
        cast(coalesce(overdue.overdue_amount, 0) as double) as overdue_amount,
        cast(overdue.max_days_past_due as integer) as max_days_past_due,
        cast(latest_nps.nps_score as integer) as latest_nps_score,
        latest_nps.nps_date as latest_nps_date,
        cast(coalesce(daily_windows.nps_responses_180d, 0) as bigint)
            as nps_responses_180d,
        cast(
            100.0 * (
                daily_windows.nps_promoters_180d
                - daily_windows.nps_detractors_180d
            ) / nullif(daily_windows.nps_responses_180d, 0) as double
        ) as nps_180d,
        accounts.raw_rows_kept_aside,
        accounts.unparsed_cells,
        accounts.has_data_quality_issue
    from accounts
    cross join catalogue
    left join daily_windows
        on accounts.account_id = daily_windows.account_id
    left join distinct_users
        on accounts.account_id = distinct_users.account_id
    left join features
        on accounts.account_id = features.account_id
    left join latest_nps
        on
            accounts.account_id = latest_nps.account_id
            and latest_nps.response_rank = 1
    left join overdue
        on accounts.account_id = overdue.account_id
)

select * from final
