with base as (
    select * from {{ ref('base_support__satisfaction_ratings') }}
),

final as (
    select
        rating_id,
        ticket_id,
        csat_score,
        rated_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
