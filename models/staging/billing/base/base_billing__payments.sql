{#-
    Every raw row of billing.payments, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_billing__payments keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('billing', 'payments') }} as src
),

typed as (
    select
        {{ dbt.safe_cast('payment_id', dbt.type_string()) }} as payment_id,
        {{ dbt.safe_cast('invoice_id', dbt.type_string()) }} as invoice_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('attempted_at', dbt.type_timestamp()) }} as attempted_at,
        {{ dbt.safe_cast('amount', dbt.type_float()) }} as amount,
        {{ dbt.safe_cast('status', dbt.type_string()) }} as payment_status,
        {{ dbt.safe_cast('failure_code', dbt.type_string()) }} as failure_code,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by payment_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['payment_id is null', 'missing_payment_id'],
            ['account_id is null', 'missing_account'],
            ['attempted_at is null', 'invalid_attempted_at'],
            ['key_occurrence > 1', 'duplicate_payment_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
