{#- One row per account (primary key account_id): the behavioural cohort its
    first days put it in, the first cohort by cohort_rank in seed
    behavioural_cohort_rules whose every rule it meets (min_value inclusive,
    max_value exclusive, empty = no limit; a missing value meets no rule). The
    baseline cohort has no rules, so every account lands somewhere. -#}
with first_days as (
    select * from {{ ref('int_account_first_days') }}
),

rules as (
    select * from {{ ref('behavioural_cohort_rules') }}
),

metric_values as (
    {%- for metric in first_days_metrics() %}
    select
        account_id,
        '{{ metric }}' as metric,
        cast({{ metric }} as double) as metric_value
    from first_days
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

cohorts as (
    select
        cohort,
        min(cohort_rank) as cohort_rank
    from rules
    group by cohort
),

checks as (
    select
        first_days.account_id,
        cohorts.cohort,
        cohorts.cohort_rank,
        sum(case
            when rules.metric is null then 0
            when
                metric_values.metric_value is not null
                and (
                    rules.min_value is null
                    or metric_values.metric_value >= rules.min_value
                )
                and (
                    rules.max_value is null
                    or metric_values.metric_value < rules.max_value
                )
                then 0
            else 1
        end) as rules_failed
    from first_days
    cross join cohorts
    inner join rules
        on cohorts.cohort = rules.cohort
    left join metric_values
        on
            first_days.account_id = metric_values.account_id
            and rules.metric = metric_values.metric
    group by first_days.account_id, cohorts.cohort, cohorts.cohort_rank
),

ranked as (
    select
        account_id,
        cohort,
        row_number() over (
            partition by account_id order by cohort_rank, cohort
        ) as pick
    from checks
    where rules_failed = 0
),

final as (
    select
        first_days.account_id,
        first_days.first_day,
        first_days.starting_seats,
        {%- for metric in first_days_metrics() %}
        first_days.{{ metric }},
        {%- endfor %}
        ranked.cohort as behavioural_cohort
    from first_days
    inner join ranked
        on first_days.account_id = ranked.account_id
    where ranked.pick = 1
)

select * from final
