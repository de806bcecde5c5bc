with base as (
    select * from {{ ref('base_crm__opportunities') }}
),

final as (
    select
        opportunity_id,
        account_id,
        owner_user_id,
        opportunity_type,
        stage,
        amount,
        created_date,
        close_date,
        loss_reason,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
