with base as (
    select * from {{ ref('base_crm__contacts') }}
),

final as (
    select
        contact_id,
        account_id,
        first_name,
        last_name,
        email,
        title,
        contact_role,
        started_date,
        ended_date,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
