{#- One row per behavioural cohort of seed behavioural_cohort_rules (primary
    key behavioural_cohort): what defines it, its accounts, their mean
    first-days activity, the accounts whose retention month (kpi_settings:
    behavioural_retention_month) has ended by the as-of day, those still
    active at its end, that retention, and the index against the baseline
    cohort (100 = as the baseline). -#}
with settings as (
    select behavioural_retention_month from {{ ref('kpi_settings') }}
),

rules as (
    select * from {{ ref('behavioural_cohort_rules') }}
),

definitions as (
    select
        cohort,
        min(cohort_rank) as cohort_rank,
        max(case when is_baseline then 1 else 0 end) = 1 as is_baseline,
        {{ dbt.listagg('description', "' and '", 'order by metric') }}
            as definition
    from rules
    group by cohort
),

members as (
    select * from {{ ref('int_account_behavioural_cohorts') }}
),

at_month as (
    select
        account_months.account_id,
        account_months.is_active_end
    from {{ ref('int_account_months') }} as account_months
    cross join settings
    where
        account_months.months_since_start
        = settings.behavioural_retention_month
        and not account_months.is_partial_month
),

cohort_stats as (
    select
        members.behavioural_cohort,
        count(*) as cohort_accounts,
        avg(members.features_used_first_days) as avg_features_used_first_days,
        {{ exact_mean('members.active_user_share_first_days') }}
            as avg_active_user_share_first_days,
        avg(members.meetings_held_first_days)
            as avg_meetings_held_first_days,
        count(at_month.account_id) as observed_accounts,
        count(case when at_month.is_active_end then 1 end)
            as retained_accounts
    from members
    left join at_month
        on members.account_id = at_month.account_id
    group by members.behavioural_cohort
),

with_rate as (
    select
        definitions.cohort as behavioural_cohort,
        definitions.cohort_rank,
        definitions.is_baseline,
        definitions.definition,
        settings.behavioural_retention_month as retention_month,
        coalesce(cohort_stats.cohort_accounts, 0) as cohort_accounts,
        cohort_stats.avg_features_used_first_days,
        cohort_stats.avg_active_user_share_first_days,
        cohort_stats.avg_meetings_held_first_days,
        coalesce(cohort_stats.observed_accounts, 0) as observed_accounts,
        coalesce(cohort_stats.retained_accounts, 0) as retained_accounts,
        cast(cohort_stats.retained_accounts as double)
        / nullif(cohort_stats.observed_accounts, 0) as retention
    from definitions
    cross join settings
    left join cohort_stats
        on definitions.cohort = cohort_stats.behavioural_cohort
),

final as (
    select
        with_rate.*,
        100 * with_rate.retention / nullif(baseline.retention, 0)
            as retention_index
    from with_rate
    left join with_rate as baseline
        on baseline.is_baseline
)

select * from final
