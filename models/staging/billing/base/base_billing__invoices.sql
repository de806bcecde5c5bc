{#-
    Every raw row of billing.invoices, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_billing__invoices keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('billing', 'invoices') }} as src
),

typed as (
    select
        {{ typed('invoice_id', 'string') }} as invoice_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('subscription_id', 'string') }} as subscription_id,
        {{ typed('issued_at', 'timestamp') }} as issued_at,
        {{ typed('due_on', 'date') }} as due_date,
        {{ typed('amount_due', 'float') }} as amount_due,
        lower(currency) as currency,
        {{ typed('status', 'string') }} as invoice_status,
        {{ typed('paid_at', 'timestamp') }} as paid_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'invoice_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['invoice_id is null', 'missing_invoice_id'],
            ['account_id is null', 'missing_account'],
            ['issued_at is null', 'invalid_issued_at'],
            ['amount_due < 0', 'negative_amount'],
            [above_value_limit('billing.invoices', 'amount_due'), 'amount_above_limit'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_invoice_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
