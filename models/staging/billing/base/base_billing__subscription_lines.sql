{#-
    Every raw row of billing.subscription_lines, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_billing__subscription_lines keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('billing', 'subscription_lines') }} as src
),

typed as (
    select
        {{ dbt.safe_cast('line_id', dbt.type_string()) }} as subscription_line_id,
        {{ dbt.safe_cast('subscription_id', dbt.type_string()) }} as subscription_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('plan_id', dbt.type_string()) }} as plan_id,
        {{ dbt.safe_cast('plan_name', dbt.type_string()) }} as plan_name,
        {{ dbt.safe_cast('billing_interval', dbt.type_string()) }} as billing_interval,
        {{ dbt.safe_cast('seats', dbt.type_int()) }} as seats,
        {{ dbt.safe_cast('unit_price', dbt.type_float()) }} as unit_price,
        {{ dbt.safe_cast('mrr', dbt.type_float()) }} as mrr,
        lower(currency) as currency,
        {{ dbt.safe_cast('started_on', 'date') }} as started_date,
        {{ dbt.safe_cast('ended_on', 'date') }} as ended_date,
        {{ dbt.safe_cast('canceled_at', dbt.type_timestamp()) }} as canceled_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by subscription_line_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['subscription_line_id is null', 'missing_subscription_line_id'],
            ['account_id is null', 'missing_account'],
            ['started_date is null', 'invalid_started_date'],
            ['ended_date < started_date', 'ended_before_started'],
            ['mrr is null or mrr < 0', 'invalid_mrr'],
            ['seats is null or seats < 0', 'invalid_seats'],
            ['key_occurrence > 1', 'duplicate_subscription_line_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
