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
        {{ typed('payment_id', 'string') }} as payment_id,
        {{ typed('invoice_id', 'string') }} as invoice_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('attempted_at', 'timestamp') }} as attempted_at,
        {{ typed('amount', 'float') }} as amount,
        {{ typed('status', 'string') }} as payment_status,
        {{ typed('failure_code', 'string') }} as failure_code,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'payment_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['payment_id is null', 'missing_payment_id'],
            ['account_id is null', 'missing_account'],
            ['attempted_at is null', 'invalid_attempted_at'],
            [above_value_limit('billing.payments', 'amount'), 'amount_above_limit'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_payment_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
