{#- One row per account and churn (unique: account_id, churn_date): the first
    day without paid contract (MRR 0 or no contract) after a paying day, up to
    the as-of day. A reactivated account can churn more than once. The churn
    date is the end of term (decision log 2 and 13). The spine flags the
    churns inside it (ends_paid_run); a churned account's spine ends on its
    last day under contract, so a paid last spine day before the as-of day is
    followed by a churn on the next day. -#}
with spined as (
    select * from {{ ref('int_account_days_spined') }}
),

inside_spine as (
    select
        account_id,
        date_day as churn_date
    from spined
    where ends_paid_run
),

last_days as (
    select
        account_id,
        max(date_day) as last_day,
        {{ value_at_max('mrr', 'date_day') }} as last_day_mrr
    from spined
    group by account_id
),

after_spine as (
    select
        account_id,
        cast({{ dbt.dateadd('day', 1, 'last_day') }} as date) as churn_date
    from last_days
    where last_day_mrr > 0 and last_day < {{ as_of_date() }}
),

final as (
    select * from inside_spine
    union all
    select * from after_spine
)

select * from final
