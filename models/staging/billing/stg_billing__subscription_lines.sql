with base as (
    select * from {{ ref('base_billing__subscription_lines') }}
),

final as (
    select
        subscription_line_id,
        subscription_id,
        account_id,
        plan_id,
        plan_name,
        billing_interval,
        seats,
        unit_price,
        mrr,
        currency,
        started_date,
        ended_date,
        canceled_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
