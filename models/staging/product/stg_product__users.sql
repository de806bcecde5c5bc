with base as (
    select * from {{ ref('base_product__users') }}
),

final as (
    select
        user_id,
        account_id,
        email,
        user_role,
        created_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
