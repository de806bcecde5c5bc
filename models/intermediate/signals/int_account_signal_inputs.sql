{#- One row per account and lifetime day (unique: account_id, date_day) with
    the facts the risk signals test that the score's windows do not already
    hold: active user-days in the 30 days before the last 30, the last day a
    core feature was used, escalated / negative tickets, failed payments and
    NPS answers in 30 days, the latest NPS answer's change on the one before,
    how many CSM meetings in a row were cancelled or missed, the last champion
    departure (with the name and day in words), MRR 30 days earlier, and the
    next renewal of the main annual contract. Only data dated on or before each
    day is used. -#}
with windowed as (
    select * from {{ ref('int_account_days_windowed') }}
),

settings as (
    select * from {{ ref('kpi_settings') }}
),

nps_answers as (
    select
        account_id,
        date_day,
        nps_score_sum / nps_responses as nps_answer,
        nps_score_sum / nps_responses
        - lag(nps_score_sum / nps_responses) over (
            partition by account_id order by date_day
        ) as nps_change
    from windowed
    where nps_responses > 0
),

meetings as (
    select
        account_id,
        scheduled_at,
        activity_status,
        sum(case when activity_status = 'held' then 1 else 0 end) over (
            partition by account_id
            order by scheduled_at, activity_id
            rows between unbounded preceding and current row
        ) as held_so_far,
        activity_id
    from {{ ref('stg_crm__activities') }}
    where
        activity_type in ('meeting', 'qbr')
        and activity_status in ('held', 'cancelled', 'no_show')
),

meeting_streaks as (
    select
        account_id,
        cast(scheduled_at as date) as date_day,
        scheduled_at,
        activity_id,
        count(case when activity_status != 'held' then 1 end) over (
            partition by account_id, held_so_far
            order by scheduled_at, activity_id
            rows between unbounded preceding and current row
        ) as meetings_cancelled_in_row
    from meetings
),

last_meeting_of_day as (
    select
        account_id,
        date_day,
        meetings_cancelled_in_row
    from (
        select
            *,
            row_number() over (
                partition by account_id, date_day
                order by scheduled_at desc, activity_id desc
            ) as latest_first
        from meeting_streaks
    ) as ranked
    where latest_first = 1
),

champion_departures as (
    select
        account_id,
        ended_date as date_day,
        string_agg(
            trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))
            || ' left on ' || cast(ended_date as {{ dbt.type_string() }}),
            '; '
        ) as champion_departure_detail
    from {{ ref('stg_crm__contacts') }}
    where contact_role = 'champion' and ended_date is not null
    group by account_id, ended_date
),

main_contracts as (
    {{ main_contract_on('windowed', 'date_day', 'date_day') }}
),

joined as (
    select
        windowed.account_id,
        windowed.date_day,
        min(windowed.date_day) over (
            partition by windowed.account_id
        ) as first_day,
        windowed.active_users_30d,
        windowed.seats,
        windowed.active_user_days_30d,
        lag(windowed.active_user_days_30d, 30) over (
            partition by windowed.account_id order by windowed.date_day
        ) as active_user_days_prior_30d,
        windowed.last_login_date,
        max(
            case when windowed.core_events > 0 then windowed.date_day end
        ) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between unbounded preceding and current row
        ) as last_core_feature_date,
        windowed.has_champion,
        max(champion_departures.date_day) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between unbounded preceding and current row
        ) as last_champion_departure_date,
        last_value(
            champion_departures.champion_departure_detail ignore nulls
        ) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between unbounded preceding and current row
        ) as champion_departure_detail,
        last_value(
            last_meeting_of_day.meetings_cancelled_in_row ignore nulls
        ) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between unbounded preceding and current row
        ) as meetings_cancelled_in_row,
        windowed.latest_nps,
        -- the latest answer's change (a first answer has none, so null)
        last_value(nps_answers.nps_change ignore nulls) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between unbounded preceding and current row
        ) as nps_change,
        {%- for measure in ['nps_responses', 'tickets_escalated',
                            'tickets_negative', 'payments_failed'] %}
        sum(windowed.{{ measure }}) over (
            partition by windowed.account_id
            order by windowed.date_day
            rows between 29 preceding and current row
        ) as {{ measure }}_30d,
        {%- endfor %}
        windowed.mrr,
        lag(windowed.mrr, 30) over (
            partition by windowed.account_id order by windowed.date_day
        ) as mrr_30d_ago,
        case
            when
                main_contracts.interval_months
                >= settings.renewal_min_term_months
                then {{ next_renewal_date(
                    'main_contracts.subscription_started_date',
                    'main_contracts.interval_months',
                    'windowed.date_day'
                ) }}
        end as renewal_date
    from windowed
    cross join settings
    left join nps_answers
        on
            windowed.account_id = nps_answers.account_id
            and windowed.date_day = nps_answers.date_day
    left join last_meeting_of_day
        on
            windowed.account_id = last_meeting_of_day.account_id
            and windowed.date_day = last_meeting_of_day.date_day
    left join champion_departures
        on
            windowed.account_id = champion_departures.account_id
            and windowed.date_day = champion_departures.date_day
    left join main_contracts
        on
            windowed.account_id = main_contracts.account_id
            and windowed.date_day = main_contracts.date_day
)

select * from joined  -- noqa: AM04
