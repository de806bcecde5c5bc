{#- One row per account and calendar month from the month of its first
    subscription to the as-of month (unique: account_id, month_start), churned
    months included: MRR and seats in force at the end of the month (the as-of
    day for the as-of month, flagged partial), whether it is a customer then,
    its signup cohort and months since, and the term and next renewal of its
    main contract (largest MRR line) after the month end. MRR is decimal(18, 2), so
    movements add up exactly. -#}
with days as (
    select
        account_id,
        date_day,
        mrr,
        seats
    from {{ ref('int_account_days_spined') }}
),

accounts as (
    select
        crm_accounts.account_id,
        crm_accounts.segment,
        crm_accounts.csm_owner_id,
        users.full_name as csm_name
    from {{ ref('stg_crm__accounts') }} as crm_accounts
    left join {{ ref('stg_crm__users') }} as users
        on crm_accounts.csm_owner_id = users.user_id
),

firsts as (
    {#- read apart from `days`: a CTE read twice is stored whole first
        (decision 47) -#}
    select
        account_id,
        min(date_day) as first_day
    from {{ ref('int_account_days_spined') }}
    group by account_id
),

months as (
    {{ month_series('(select min(first_day) from firsts)', as_of_date()) }}
),

account_months as (
    select
        firsts.account_id,
        firsts.first_day,
        cast({{ dbt.date_trunc('month', 'firsts.first_day') }} as date)
            as cohort_month,
        months.month_start,
        least(
            cast({{ dbt.last_day('months.month_start', 'month') }} as date),
            {{ as_of_date() }}
        ) as month_end
    from firsts
    inner join months
        on
            months.month_start
            >= {{ dbt.date_trunc('month', 'firsts.first_day') }}
),

main_contracts as (
    {{ main_contract_segments() }}
),

final as (
    select
        account_months.account_id,
        account_months.month_start,
        account_months.month_end,
        account_months.month_end < cast(
            {{ dbt.last_day('account_months.month_start', 'month') }} as date
        ) as is_partial_month,
        account_months.cohort_month,
        {{ dbt.datediff(
            'account_months.cohort_month', 'account_months.month_start', 'month'
        ) }} as months_since_start,
        accounts.segment,
        accounts.csm_owner_id,
        accounts.csm_name,
        cast(coalesce(days.mrr, 0) as decimal(18, 2)) as ending_mrr,
        coalesce(days.seats, 0) as ending_seats,
        coalesce(days.mrr, 0) > 0 as is_active_end,
        main_contracts.interval_months as contract_term_months,
        case
            when main_contracts.subscription_started_date is not null
                then {{ next_renewal_date(
                    'main_contracts.subscription_started_date',
                    'main_contracts.interval_months',
                    'account_months.month_end'
                ) }}
        end as next_renewal_date
    from account_months
    inner join accounts
        on account_months.account_id = accounts.account_id
    left join days
        on
            account_months.account_id = days.account_id
            and account_months.month_end = days.date_day
    left join main_contracts
        on
            account_months.account_id = main_contracts.account_id
            and {{ in_force_on(
                'account_months.month_end', 'main_contracts',
                'segment_start', 'segment_end'
            ) }}
)

select * from final
