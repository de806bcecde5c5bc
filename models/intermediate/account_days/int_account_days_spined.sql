-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account and day of its customer lifetime: from its first
    subscription start to the as-of day, or to its last day under contract if it
    has churned. Days inside a churn-then-reactivation gap stay, with
    is_customer = false. Carries the contract in force that day (MRR, seats).
    Flags where a run of customer days starts and where a run of paid days
    ends (the churn dates), so the tables built from them filter the spine
    rather than compare each day with the one before over the whole history.
    Incremental by day (docs/DEFINITIONS.md 6): a daily run writes the days
    after the cut and every day of the restarted accounts, which get their gap
    days back; it computes the contract of the cut day too, which the flags of
    the first day written compare with, and does not write it. -#}
{%- set after = recomputed_cut() %}
with accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

lines as (
    select lines.*
    from {{ ref('stg_billing__subscription_lines') }} as lines
    inner join accounts
        on lines.account_id = accounts.account_id
    where lines.started_date <= {{ as_of_date() }}
),

lifetimes as (
    {{ account_lifetimes('lines') }}
),

calendar_days as (
    {{ day_series(
        '(select min(first_started_date) from lifetimes)',
        as_of_date()
    ) }}
),

spine as (
    select
        lifetimes.account_id,
        calendar_days.date_day
    from lifetimes
    inner join calendar_days
        on
            lifetimes.first_started_date <= calendar_days.date_day
            and lifetimes.last_customer_date >= calendar_days.date_day
    where {{ day_after(
        'calendar_days.date_day', after, 1, 'lifetimes.account_id'
    ) }}
),

line_spans as (
    {#- the contract in force over each span of days in which the same lines
        are (interval_segments); a day reads its span's, where joining the
        lines to every day made a row per line and day to group (decision 47) -#}
    select
        lines.account_id,
        lines.segment_start,
        lines.segment_end,
        sum(lines.mrr) as mrr,
        sum(lines.seats) as seats,
        count(distinct lines.subscription_id) as active_subscriptions,
        max(case
            when lines.subscription_id is not null
                then {{ billing_interval_months('lines.billing_interval') }}
        end) as contract_months
    from ({{ interval_segments('lines') }}) as lines
    group by lines.account_id, lines.segment_start, lines.segment_end
),

contract_days as (
    select
        spine.account_id,
        spine.date_day,
        cast(coalesce(line_spans.mrr, 0) as double) as mrr,
        cast(coalesce(line_spans.seats, 0) as integer) as seats,
        cast(coalesce(line_spans.active_subscriptions, 0) as integer)
            as active_subscriptions,
        line_spans.contract_months
    from spine
    left join line_spans
        on
            spine.account_id = line_spans.account_id
            and {{ in_force_on(
                'spine.date_day', 'line_spans', 'segment_start', 'segment_end'
            ) }}
),

day_before as (
    select
        *,
        lag(active_subscriptions) over (
            partition by account_id order by date_day
        ) as subscriptions_day_before,
        lag(mrr) over (
            partition by account_id order by date_day
        ) as mrr_day_before
    from contract_days
),

final as (
    select
        account_id,
        date_day,
        mrr,
        seats,
        active_subscriptions,
        contract_months,
        active_subscriptions > 0 as is_customer,
        active_subscriptions > 0
        and coalesce(subscriptions_day_before, 0) = 0
            as starts_customer_run,
        mrr <= 0 and coalesce(mrr_day_before, 0) > 0 as ends_paid_run
    from day_before
    where {{ day_after('date_day', after, 0) }}
)

select * from final
{{ cluster_by_day() }}
