with base as (
    select * from {{ ref('base_crm__accounts') }}
),

final as (
    select
        account_id,
        account_name,
        domain,
        segment,
        industry,
        employee_count,
        billing_country,
        region,
        csm_owner_id,
        created_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
