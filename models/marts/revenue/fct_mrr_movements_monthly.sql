{#- One row per account and month from its first subscription month to the
    as-of month (unique: account_id, month_start): MRR at the start (the end of
    the previous month) and at the end, and the movement between them, in
    exactly one of new, expansion, contraction, churned and reactivation, so
    ending = starting + new + expansion - contraction - churned + reactivation
    holds exactly (decimal MRR). New: first MRR ever; reactivation: MRR again
    after a month at zero. A subscription that starts and ends inside one month
    never shows in month-end MRR. -#}
with account_months as (
    select * from {{ ref('int_account_months') }}
),

with_start as (
    select
        *,
        coalesce(lag(ending_mrr) over (
            partition by account_id order by month_start
        ), 0) as starting_mrr,
        coalesce(max(case when ending_mrr > 0 then 1 else 0 end) over (
            partition by account_id order by month_start
            rows between unbounded preceding and 1 preceding
        ), 0) = 1 as was_active_before
    from account_months
),

classified as (
    select
        *,
        case
            when starting_mrr = 0 and ending_mrr > 0 and not was_active_before
                then 'new'
            when starting_mrr = 0 and ending_mrr > 0 then 'reactivation'
            when starting_mrr > 0 and ending_mrr = 0 then 'churn'
            when ending_mrr > starting_mrr then 'expansion'
            when ending_mrr < starting_mrr then 'contraction'
            when ending_mrr > 0 then 'unchanged'
            else 'inactive'
        end as movement
    from with_start
),

final as (
    select
        account_id,
        month_start,
        month_end,
        is_partial_month,
        cohort_month,
        months_since_start,
        segment,
        csm_owner_id,
        csm_name,
        movement,
        starting_mrr,
        case when movement = 'new' then ending_mrr else 0 end as new_mrr,
        case
            when movement = 'expansion' then ending_mrr - starting_mrr else 0
        end as expansion_mrr,
        case
            when movement = 'contraction' then starting_mrr - ending_mrr else 0
        end as contraction_mrr,
        case when movement = 'churn' then starting_mrr else 0 end
            as churned_mrr,
        case when movement = 'reactivation' then ending_mrr else 0 end
            as reactivation_mrr,
        ending_mrr,
        starting_mrr > 0 as is_active_start,
        is_active_end,
        ending_seats,
        next_renewal_date
    from classified
)

select * from final
