{#- One row per cohort grain (month, quarter), signup cohort and period since
    its start (unique: cohort_grain, cohort_start, period_number): the cohort's
    size, the customers still active at the end of the period (month 0 counts
    the whole cohort: 100% by definition) and logo retention; the cohort's MRR
    at the end of period 0 (starting), at the end of period N, net revenue
    retention (N / starting, expansion included) and gross revenue retention
    (each account's MRR capped at its starting MRR). A cell appears only once
    its period has ended on or before the as-of day. The logo retention
    triangle is cohort_grain = 'month'. -#}
with account_months as (
    select * from {{ ref('int_account_months') }}
),

observations as (
    select
        'month' as cohort_grain,
        account_id,
        cohort_month as cohort_start,
        months_since_start as period_number,
        ending_mrr,
        is_active_end,
        is_partial_month
    from account_months
    union all
    select
        'quarter' as cohort_grain,
        account_id,
        cast({{ dbt.date_trunc('quarter', 'cohort_month') }} as date)
            as cohort_start,
        {{ dbt.datediff(
            dbt.date_trunc('quarter', 'cohort_month'), 'month_start', 'quarter'
        ) }} as period_number,
        ending_mrr,
        is_active_end,
        is_partial_month
    from account_months
    where extract(month from month_start) in (3, 6, 9, 12)
),

with_start as (
    select
        *,
        max(case when period_number = 0 then ending_mrr end) over (
            partition by cohort_grain, account_id
        ) as account_starting_mrr
    from observations
),

cohort_sizes as (
    select
        cohort_grain,
        cohort_start,
        count(distinct account_id) as cohort_accounts
    from observations
    group by cohort_grain, cohort_start
),

cells as (
    select
        cohort_grain,
        cohort_start,
        period_number,
        count(*) as observed_accounts,
        count(
            case when period_number = 0 or is_active_end then 1 end
        ) as retained_accounts,
        sum(coalesce(account_starting_mrr, 0)) as starting_mrr,
        sum(ending_mrr) as ending_mrr,
        sum(case
            when ending_mrr < coalesce(account_starting_mrr, 0) then ending_mrr
            else coalesce(account_starting_mrr, 0)
        end) as retained_mrr_capped
    from with_start
    where not is_partial_month
    group by cohort_grain, cohort_start, period_number
),

final as (
    select
        cells.cohort_grain,
        cells.cohort_start,
        cells.period_number,
        cohort_sizes.cohort_accounts,
        cells.retained_accounts,
        cast(cells.retained_accounts as double)
        / cohort_sizes.cohort_accounts as logo_retention,
        cells.starting_mrr,
        cells.ending_mrr,
        cells.retained_mrr_capped,
        cast(cells.ending_mrr as double)
        / nullif(cast(cells.starting_mrr as double), 0)
            as net_revenue_retention,
        cast(cells.retained_mrr_capped as double)
        / nullif(cast(cells.starting_mrr as double), 0)
            as gross_revenue_retention
    from cells
    inner join cohort_sizes
        on
            cells.cohort_grain = cohort_sizes.cohort_grain
            and cells.cohort_start = cohort_sizes.cohort_start
)

select * from final
