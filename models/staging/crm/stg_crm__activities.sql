with base as (
    select * from {{ ref('base_crm__activities') }}
),

final as (
    select
        activity_id,
        account_id,
        owner_user_id,
        contact_id,
        activity_type,
        activity_status,
        scheduled_at,
        completed_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
