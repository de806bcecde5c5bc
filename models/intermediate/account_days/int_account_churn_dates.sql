{#- One row per account and churn (unique: account_id, churn_date): the first
    day without paid contract (MRR 0 or no contract) after a paying day, up to
    the as-of day. A reactivated account can churn more than once. The churn
    date is the end of term (decision log 2 and 13). -#}
with days as (
    select
        account_id,
        date_day,
        mrr > 0 as is_paying
    from {{ ref('int_account_days_spined') }}
),

with_next as (
    select
        account_id,
        date_day,
        is_paying,
        lead(is_paying) over (
            partition by account_id order by date_day
        ) as is_paying_next_day
    from days
),

final as (
    select
        account_id,
        cast({{ dbt.dateadd('day', 1, 'date_day') }} as date) as churn_date
    from with_next
    where
        is_paying
        and (
            not is_paying_next_day
            or (is_paying_next_day is null and date_day < {{ as_of_date() }})
        )
)

select * from final
