-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account and lifetime day (int_account_days_spined) with that
    day's activity in every domain and the account's state at its end. Later
    models window over this table. A domain with no data yields zeros / nulls,
    never missing rows. Incremental by day (docs/DEFINITIONS.md 6): a daily run
    recomputes the days after the last stored one less the lookback, reading
    each source from the day before them (whose MRR tells an expansion from a
    contraction); the open tickets continue from that day's count, taken from
    the tickets opened and solved on the kept days. -#}
{%- set after = recomputed_cut() %}

with spine as (
    select * from {{ ref('int_account_days_spined') }}
    where {{ day_after('date_day', after, 1) }}
),

main_contracts as (
    {{ main_contract_segments() }}
),

feature_catalogue as (
    select count(distinct feature_name) as features_available
    from {{ ref('stg_product__features') }}
    where not is_login_event
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

overdue as (
    select
        spine.account_id,
        spine.date_day,
        max({{ dbt.datediff('invoices.due_date', 'spine.date_day', 'day') }})
            as max_days_past_due
    from spine
    inner join invoices
        on
            spine.account_id = invoices.account_id
            and cast(invoices.issued_at as date) <= spine.date_day
            and spine.date_day > invoices.due_date
            and (
                invoices.paid_at is null
                or cast(invoices.paid_at as date) > spine.date_day
            )
    group by spine.account_id, spine.date_day
),

user_days as (
    select
        account_id,
        date_day,
        count(*) as active_users,
        sum(events) as events,
        sum(logins) as logins,
        count(case when logins > 0 then 1 end) as users_logged_in
    from {{ ref('int_user_days_aggregated') }}
    where {{ day_after('date_day', after, 1) }}
    group by account_id, date_day
),

feature_days as (
    select
        account_id,
        date_day,
        count(*) as features_used,
        sum(case when feature_class = 'core' then events else 0 end)
            as core_events,
        sum(case when feature_class = 'expansion' then events else 0 end)
            as expansion_events,
        sum(case when feature_class = 'advanced' then events else 0 end)
            as advanced_events
    from {{ ref('int_account_feature_days_aggregated') }}
    where {{ day_after('date_day', after, 1) }}
    group by account_id, date_day
),

tickets as (
    select * from {{ ref('stg_support__tickets') }}
),

tickets_opened as (
    select
        account_id,
        cast(created_at as date) as date_day,
        count(*) as tickets_opened,
        sum(case when is_escalated then 1 else 0 end) as tickets_escalated,
        sum(case when priority in ('urgent', 'high') then 1 else 0 end)
            as tickets_high_priority,
        sum(case when sentiment_score < 0 then 1 else 0 end)
            as tickets_negative,
        {{ exact_sum('sentiment_score') }} as ticket_sentiment_sum
    from tickets
    where {{ day_after('created_at', after, 1) }}
    group by account_id, cast(created_at as date)
),

tickets_solved as (
    select
        account_id,
        cast(solved_at as date) as date_day,
        count(*) as tickets_solved,
        sum({{ dbt.datediff('created_at', 'solved_at', 'minute') }})
        / cast(60 as double)
            as resolution_hours_sum
    from tickets
    where
        solved_at is not null
        and {{ day_after('solved_at', after, 1) }}
    group by account_id, cast(solved_at as date)
),

csat as (
    select
        tickets.account_id,
        cast(ratings.rated_at as date) as date_day,
        count(*) as csat_responses,
        sum(ratings.csat_score) as csat_score_sum
    from {{ ref('stg_support__satisfaction_ratings') }} as ratings
    inner join tickets
        on ratings.ticket_id = tickets.ticket_id
    where {{ day_after('ratings.rated_at', after, 1, 'tickets.account_id') }}
    group by tickets.account_id, cast(ratings.rated_at as date)
),

activities as (
    select
        account_id,
        cast(scheduled_at as date) as date_day,
        sum(case
            when
                activity_type in ('meeting', 'qbr')
                and activity_status = 'held' then 1
            else 0
        end) as meetings_held,
        sum(case
            when
                activity_type in ('meeting', 'qbr')
                and activity_status in ('cancelled', 'no_show') then 1
            else 0
        end) as meetings_cancelled,
        sum(case
            when
                activity_type = 'qbr' and activity_status = 'held'
                then 1
            else 0
        end) as qbrs_held,
        sum(case when activity_type = 'email' then 1 else 0 end) as emails_sent,
        sum(case
            when activity_type = 'email' and activity_status = 'replied'
                then 1
            else 0
        end) as emails_replied
    from {{ ref('stg_crm__activities') }}
    where {{ day_after('scheduled_at', after, 1) }}
    group by account_id, cast(scheduled_at as date)
),

nps as (
    select
        account_id,
        cast(responded_at as date) as date_day,
        count(*) as nps_responses,
        sum(nps_score) as nps_score_sum,
        sum(case when nps_score >= 9 then 1 else 0 end) as nps_promoters,
        sum(case when nps_score <= 6 then 1 else 0 end) as nps_detractors
    from {{ ref('stg_surveys__nps_responses') }}
    where {{ day_after('responded_at', after, 1) }}
    group by account_id, cast(responded_at as date)
),

payments as (
    select
        account_id,
        cast(attempted_at as date) as date_day,
        sum(case when payment_status = 'failed' then 1 else 0 end)
            as payments_failed,
        sum(case when payment_status = 'succeeded' then 1 else 0 end)
            as payments_succeeded
    from {{ ref('stg_billing__payments') }}
    where {{ day_after('attempted_at', after, 1) }}
    group by account_id, cast(attempted_at as date)
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

role_contacts as (
    select
        account_id,
        contact_role,
        started_date,
        ended_date
    from contacts
    where contact_role in ('champion', 'executive_sponsor')
),

contact_spans as (
    {#- the roles present over each span of days in which the same contacts
        are in force (interval_segments); a day reads its span's -#}
    select
        role_contacts.account_id,
        role_contacts.segment_start,
        role_contacts.segment_end,
        max(case
            when role_contacts.contact_role = 'champion' then 1 else 0
        end) = 1 as has_champion,
        max(case
            when role_contacts.contact_role = 'executive_sponsor' then 1 else 0
        end) = 1 as has_executive_sponsor
    from ({{ interval_segments('role_contacts') }}) as role_contacts
    group by
        role_contacts.account_id,
        role_contacts.segment_start,
        role_contacts.segment_end
),

champion_departures as (
    select
        account_id,
        ended_date as date_day,
        count(*) as champion_departures
    from contacts
    where
        contact_role = 'champion'
        and ended_date is not null
        and {{ day_after('ended_date', after, 1) }}
    group by account_id, ended_date
),

{%- if after is not none %}

kept_days as (
    {#- each account's stored days the run keeps (a contiguous run of its
        lifetime days) -#}
    select
        account_id,
        min(date_day) as first_day,
        max(date_day) as last_day
    from {{ this }}
    where not ({{ day_after('date_day', after, 1) }})
    group by account_id
),

prior as (
    {#- the tickets open at the end of the last kept day, counted again from
        the tickets opened and solved on the kept days rather than read from
        the stored count: a ticket first loaded after its opening day was
        kept (a late row, fct_raw_loads) then leaves those days' counts
        wrong, as the late-row warning says, and not every later day's -#}
    select
        kept_days.account_id,
        count(case
            when
                cast(tickets.created_at as date)
                between kept_days.first_day and kept_days.last_day
                then 1
        end)
        - count(case
            when
                cast(tickets.solved_at as date)
                between kept_days.first_day and kept_days.last_day
                then 1
        end) as open_tickets
    from kept_days
    left join tickets
        on kept_days.account_id = tickets.account_id
    group by kept_days.account_id
),
{%- endif %}

day_changes as (
    {#- the windows over each account's days, on narrow rows (a window over
        the final rows would sort every column with them: decision 37), with
        the day's tickets they read and the spine's columns the final rows
        keep: the final rows start from these, not from the spine joined to
        them again (decision 47) -#}
    select
        spine.account_id,
        spine.date_day,
        spine.is_customer,
        spine.mrr,
        spine.seats,
        spine.active_subscriptions,
        spine.contract_months,
        coalesce(tickets_opened.tickets_opened, 0) as tickets_opened,
        coalesce(tickets_opened.tickets_escalated, 0) as tickets_escalated,
        coalesce(tickets_opened.tickets_high_priority, 0)
            as tickets_high_priority,
        coalesce(tickets_opened.tickets_negative, 0) as tickets_negative,
        coalesce(tickets_opened.ticket_sentiment_sum, 0)
            as ticket_sentiment_sum,
        coalesce(tickets_solved.tickets_solved, 0) as tickets_solved,
        coalesce(tickets_solved.resolution_hours_sum, 0)
            as resolution_hours_sum,
        case
            when spine.mrr > lag(spine.mrr) over (
                partition by spine.account_id order by spine.date_day
            ) and lag(spine.mrr) over (
                partition by spine.account_id order by spine.date_day
            ) > 0 then 'expansion'
            when spine.mrr < lag(spine.mrr) over (
                partition by spine.account_id order by spine.date_day
            ) and spine.mrr > 0 then 'contraction'
        end as mrr_change,
        {{ running_value(
            'sum',
            'coalesce(tickets_opened.tickets_opened, 0)'
            ~ ' - coalesce(tickets_solved.tickets_solved, 0)',
            none if after is none else 'prior.open_tickets',
            'spine.account_id', 'spine.date_day'
        ) }} as open_tickets
    from spine
    left join tickets_opened
        on
            spine.account_id = tickets_opened.account_id
            and spine.date_day = tickets_opened.date_day
    left join tickets_solved
        on
            spine.account_id = tickets_solved.account_id
            and spine.date_day = tickets_solved.date_day
    {%- if after is not none %}
    left join prior
        on spine.account_id = prior.account_id
    {%- endif %}
),

final as (
    select
        day_changes.account_id,
        day_changes.date_day,
        day_changes.is_customer,
        day_changes.mrr,
        day_changes.mrr_change,
        day_changes.seats,
        day_changes.active_subscriptions,
        day_changes.contract_months,
        main_contracts.interval_months as main_contract_months,
        {{ next_renewal_date(
            'main_contracts.subscription_started_date',
            'main_contracts.interval_months',
            'day_changes.date_day'
        ) }} as renewal_date,
        {{ dbt.datediff(
            'day_changes.date_day',
            next_renewal_date(
                'main_contracts.subscription_started_date',
                'main_contracts.interval_months',
                'day_changes.date_day'
            ),
            'day'
        ) }} as days_to_renewal,
        feature_catalogue.features_available,
        coalesce(overdue.max_days_past_due, 0) as max_days_past_due,
        coalesce(user_days.active_users, 0) as active_users,
        coalesce(user_days.users_logged_in, 0) as users_logged_in,
        coalesce(user_days.events, 0) as events,
        coalesce(user_days.logins, 0) as logins,
        coalesce(feature_days.features_used, 0) as features_used,
        coalesce(feature_days.core_events, 0) as core_events,
        coalesce(feature_days.expansion_events, 0) as expansion_events,
        coalesce(feature_days.advanced_events, 0) as advanced_events,
        day_changes.tickets_opened,
        day_changes.tickets_escalated,
        day_changes.tickets_high_priority,
        day_changes.tickets_negative,
        day_changes.ticket_sentiment_sum,
        day_changes.tickets_solved,
        day_changes.resolution_hours_sum,
        day_changes.open_tickets,
        coalesce(csat.csat_responses, 0) as csat_responses,
        coalesce(csat.csat_score_sum, 0) as csat_score_sum,
        coalesce(activities.meetings_held, 0) as meetings_held,
        coalesce(activities.meetings_cancelled, 0) as meetings_cancelled,
        coalesce(activities.qbrs_held, 0) as qbrs_held,
        coalesce(activities.emails_sent, 0) as emails_sent,
        coalesce(activities.emails_replied, 0) as emails_replied,
        coalesce(nps.nps_responses, 0) as nps_responses,
        coalesce(nps.nps_score_sum, 0) as nps_score_sum,
        coalesce(nps.nps_promoters, 0) as nps_promoters,
        coalesce(nps.nps_detractors, 0) as nps_detractors,
        coalesce(payments.payments_failed, 0) as payments_failed,
        coalesce(payments.payments_succeeded, 0) as payments_succeeded,
        coalesce(contact_spans.has_champion, false) as has_champion,
        coalesce(contact_spans.has_executive_sponsor, false)
            as has_executive_sponsor,
        coalesce(champion_departures.champion_departures, 0)
            as champion_departures
    from day_changes
    cross join feature_catalogue
    left join main_contracts
        on
            day_changes.account_id = main_contracts.account_id
            and {{ in_force_on(
                'day_changes.date_day', 'main_contracts',
                'segment_start', 'segment_end'
            ) }}
    left join overdue
        on
            day_changes.account_id = overdue.account_id
            and day_changes.date_day = overdue.date_day
    left join user_days
        on
            day_changes.account_id = user_days.account_id
            and day_changes.date_day = user_days.date_day
    left join feature_days
        on
            day_changes.account_id = feature_days.account_id
            and day_changes.date_day = feature_days.date_day
    left join csat
        on
            day_changes.account_id = csat.account_id
            and day_changes.date_day = csat.date_day
    left join activities
        on
            day_changes.account_id = activities.account_id
            and day_changes.date_day = activities.date_day
    left join nps
        on
            day_changes.account_id = nps.account_id
            and day_changes.date_day = nps.date_day
    left join payments
        on
            day_changes.account_id = payments.account_id
            and day_changes.date_day = payments.date_day
    left join contact_spans
        on
            day_changes.account_id = contact_spans.account_id
            and {{ in_force_on(
                'day_changes.date_day', 'contact_spans',
                'segment_start', 'segment_end'
            ) }}
    left join champion_departures
        on
            day_changes.account_id = champion_departures.account_id
            and day_changes.date_day = champion_departures.date_day
)

select * from final
where {{ day_after('date_day', after) }}
{{ cluster_by_day() }}
