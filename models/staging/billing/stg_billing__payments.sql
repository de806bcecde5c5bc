with base as (
    select * from {{ ref('base_billing__payments') }}
),

final as (
    select
        payment_id,
        invoice_id,
        account_id,
        attempted_at,
        amount,
        payment_status,
        failure_code,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
