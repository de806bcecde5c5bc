with base as (
    select * from {{ ref('base_weight_candidates__weight_sets') }}
),

final as (
    select
        weight_set,
        component,
        weight,
        note
    from base
    where quarantine_rule is null
)

select * from final
