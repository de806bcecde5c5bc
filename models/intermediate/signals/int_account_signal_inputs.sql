-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account and lifetime day (unique: account_id, date_day) with
    the facts the risk signals test: the day's position on the account's
    lifetime spine (day_number; a signal's window counts these rows), distinct
    active users in 30 days, running totals of active user-days, escalated
    and negative tickets, failed payments, NPS answers and missed QBRs (a count
    over any window is the difference of two of them), the last day anyone
    signed in and the last day a core feature was used, the latest NPS answer
    and its change on the one before, how many CSM meetings in a row were
    cancelled or missed, the last contact with the executive sponsor (a held
    meeting or QBR they attended, or an e-mail they answered; counted from the
    start of the newest sponsor when later), the last champion departure (the
    day in words, with the name when var expose_contact_names is on:
    docs/DEFINITIONS.md 7), MRR, and the next renewal of the main annual
    contract. Only data dated on or before each day is used. What the metric
    catalogue computes already is read from int_account_metrics_daily, not
    computed again (signal_catalogue_metrics: the distinct active users, the
    running totals of active user-days, escalations and failed payments, the
    last sign-in and the latest NPS; decisions 43 and 45).
    Incremental by day (docs/DEFINITIONS.md 6): a daily run recomputes the
    days after the last stored one less the lookback, and reads only those
    days; the running totals, last days and latest values continue from each
    account's stored day before them. The account-day facts are read narrow,
    only the columns below (decision 37). -#}
{%- set carried = [
    'day_number', 'first_day', 'last_core_feature_date',
    'last_champion_departure_date', 'champion_departure_detail',
    'meetings_cancelled_in_row', 'sponsor_started_date',
    'last_sponsor_contact_date', 'latest_nps', 'nps_change',
    'cum_nps_responses', 'cum_tickets_negative', 'cum_qbrs_missed',
] %}
{#- the columns read from int_account_metrics_daily, by the catalogue metric
    that gives them (its column `reads` of signal_catalogue_metrics) -#}
{%- set catalogue = signal_catalogue_metrics() %}
{%- set from_catalogue = {
    'active_users_30d': 'active_users_30d',
    'cum_active_users': 'active_user_days_30d',
    'cum_tickets_escalated': 'escalations_90d',
    'cum_payments_failed': 'failed_payments_90d',
    'last_login_date': 'days_since_last_login',
    'latest_nps': 'latest_nps',
} %}
{%- set after = recomputed_cut() %}
{#- a carried column's stored value on the day before the rows read #}
{%- set prior = {} %}
{%- for column in carried %}
{%- do prior.update({column: none if after is none
    else 'windowed.prior__' ~ column}) %}
{%- endfor %}

with days as (
    {#- the account-day facts of the recomputed days -#}
    select
        account_id,
        date_day,
        seats,
        mrr,
        main_contract_months,
        renewal_date,
        core_events,
        tickets_negative,
        nps_responses,
        nps_score_sum,
        has_champion,
        has_executive_sponsor
    from {{ ref('int_account_days_aggregated') }}
    where {{ day_after('date_day', after) }}
),

catalogue_values as (
    select
        account_id,
        date_day,
        {%- for column, metric in from_catalogue.items() %}
        {{ catalogue[metric].reads }} as {{ column }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('int_account_metrics_daily') }}
    where {{ day_after('date_day', after) }}
),
{%- if after is not none %}

prior as (
    {{ prior_rows(carried, after) }}
),
{%- endif %}

windowed_days as (
    select
        days.*,
        {%- for column in carried if after is not none %}
        prior.{{ column }} as prior__{{ column }},
        {%- endfor %}
        {#- the counts as whole numbers, 0 without product data, where the
            catalogue metrics are missing; the days and values as read -#}
        {%- for column, metric in from_catalogue.items() %}
        {%- set value = 'catalogue_values.' ~ column %}
        {%- if catalogue[metric].kind in ('count', 'distinct_count') %}
        {%- set value = 'cast(coalesce(' ~ value ~ ', 0) as '
            ~ dbt.type_bigint() ~ ')' %}
        {%- endif %}
        {{ value }} as {{ column }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from days
    left join catalogue_values
        on
            days.account_id = catalogue_values.account_id
            and days.date_day = catalogue_values.date_day
    {%- if after is not none %}
    left join prior
        on days.account_id = prior.account_id
    {%- endif %}
),

windowed as (
    select
        *,
        -- a day's NPS answer less the one before it (a first answer has none)
        case
            when nps_responses > 0
                then
                    nps_score_sum / nps_responses
                    - coalesce(
                        lag(latest_nps) over (
                            partition by account_id
                            order by date_day
                        ),
                        {{ 'null' if after is none else 'prior__latest_nps' }}
                    )
        end as nps_answer_change
    from windowed_days
),

settings as (
    select * from {{ ref('kpi_settings') }}
),

activities as (
    select * from {{ ref('stg_crm__activities') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
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
    from activities
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

missed_qbrs as (
    select
        account_id,
        cast(scheduled_at as date) as date_day,
        count(*) as qbrs_missed
    from activities
    where
        activity_type = 'qbr'
        and activity_status in ('cancelled', 'no_show')
    group by account_id, cast(scheduled_at as date)
),

sponsors as (
    select
        account_id,
        contact_id,
        started_date
    from contacts
    where contact_role = 'executive_sponsor'
),

sponsor_starts as (
    select
        account_id,
        started_date as date_day
    from sponsors
    group by account_id, started_date
),

sponsor_contacts as (
    select
        activities.account_id,
        cast(activities.completed_at as date) as date_day
    from activities
    inner join sponsors
        on activities.contact_id = sponsors.contact_id
    where activities.activity_status in ('held', 'replied')
    group by activities.account_id, cast(activities.completed_at as date)
),

champion_departures as (
    select
        account_id,
        ended_date as date_day,
        {%- if var('expose_contact_names') %}
        string_agg(
            {{ contact_name('first_name', 'last_name') }}
            || ' left on ' || cast(ended_date as {{ dbt.type_string() }}),
            '; '
        ) as champion_departure_detail
        {%- else %}
        'left on ' || cast(ended_date as {{ dbt.type_string() }})
            as champion_departure_detail
        {%- endif %}
    from contacts
    where contact_role = 'champion' and ended_date is not null
    group by account_id, ended_date
),

joined as (
    select
        windowed.account_id,
        windowed.date_day,
        {%- set running = 'partition by windowed.account_id'
            ~ ' order by windowed.date_day' %}
        {%- if after is none %}
        row_number() over ({{ running }}) as day_number,
        min(windowed.date_day) over (
            partition by windowed.account_id
        ) as first_day,
        {%- else %}
        coalesce(windowed.prior__day_number, 0)
        + row_number() over ({{ running }}) as day_number,
        coalesce(
            windowed.prior__first_day,
            min(windowed.date_day) over (partition by windowed.account_id)
        ) as first_day,
        {%- endif %}
        windowed.active_users_30d,
        windowed.seats,
        windowed.last_login_date,
        {%- for column, kind, expr in [
            ('last_core_feature_date', 'max',
                'case when windowed.core_events > 0 then windowed.date_day end'),
            ('has_champion', none, 'windowed.has_champion'),
            ('last_champion_departure_date', 'max', 'champion_departures.date_day'),
            ('champion_departure_detail', 'last',
                'champion_departures.champion_departure_detail'),
            ('meetings_cancelled_in_row', 'last',
                'last_meeting_of_day.meetings_cancelled_in_row'),
            ('has_executive_sponsor', none, 'windowed.has_executive_sponsor'),
            ('sponsor_started_date', 'max', 'sponsor_starts.date_day'),
            ('last_sponsor_contact_date', 'max', 'sponsor_contacts.date_day'),
            ('latest_nps', none, 'windowed.latest_nps'),
            ('nps_change', 'last', 'windowed.nps_answer_change'),
        ] %}
        {%- if kind is none %}
        {{ expr }},
        {%- else %}
        {{ running_value(
            kind, expr, prior[column], 'windowed.account_id', 'windowed.date_day'
        ) }} as {{ column }},
        {%- endif %}
        {%- endfor %}
        {%- for column, measure in [
            ('cum_active_users', none),
            ('cum_nps_responses', 'windowed.nps_responses'),
            ('cum_tickets_escalated', none),
            ('cum_tickets_negative', 'windowed.tickets_negative'),
            ('cum_payments_failed', none),
            ('cum_qbrs_missed', 'missed_qbrs.qbrs_missed'),
        ] %}
        {%- if measure is none %}
        windowed.{{ column }},
        {%- else %}
        {{ running_value(
            'sum', 'coalesce(' ~ measure ~ ', 0)', prior[column],
            'windowed.account_id', 'windowed.date_day'
        ) }} as {{ column }},
        {%- endif %}
        {%- endfor %}
        windowed.mrr,
        case
            when
                windowed.main_contract_months
                >= settings.renewal_min_term_months
                then windowed.renewal_date
        end as renewal_date
    from windowed
    cross join settings
    left join last_meeting_of_day
        on
            windowed.account_id = last_meeting_of_day.account_id
            and windowed.date_day = last_meeting_of_day.date_day
    left join missed_qbrs
        on
            windowed.account_id = missed_qbrs.account_id
            and windowed.date_day = missed_qbrs.date_day
    left join sponsor_starts
        on
            windowed.account_id = sponsor_starts.account_id
            and windowed.date_day = sponsor_starts.date_day
    left join sponsor_contacts
        on
            windowed.account_id = sponsor_contacts.account_id
            and windowed.date_day = sponsor_contacts.date_day
    left join champion_departures
        on
            windowed.account_id = champion_departures.account_id
            and windowed.date_day = champion_departures.date_day
),

final as (
    select
        *,
        -- the sponsor clock runs from the last contact with a sponsor, or
        -- from the newest sponsor's start when later; no sponsor, no clock
        case
            when has_executive_sponsor
                then case
                    when
                        coalesce(last_sponsor_contact_date, first_day)
                        >= coalesce(sponsor_started_date, first_day)
                        then coalesce(last_sponsor_contact_date, first_day)
                    else coalesce(sponsor_started_date, first_day)
                end
        end as sponsor_contact_clock_date
    from joined
)

select * from final  -- noqa: AM04
