with base as (
    select * from {{ ref('base_crm__users') }}
),

final as (
    select
        user_id,
        full_name,
        email,
        user_role,
        manager_user_id,
        segment_focus,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
