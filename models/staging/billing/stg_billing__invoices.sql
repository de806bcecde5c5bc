with base as (
    select * from {{ ref('base_billing__invoices') }}
),

final as (
    select
        invoice_id,
        account_id,
        subscription_id,
        issued_at,
        due_date,
        amount_due,
        currency,
        invoice_status,
        paid_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
