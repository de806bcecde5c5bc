with base as (
    select * from {{ ref('base_product__tracks') }}
),

final as (
    select
        message_id,
        user_id,
        account_id,
        event_name,
        occurred_at,
        event_value,
        received_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
