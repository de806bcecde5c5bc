with base as (
    select * from {{ ref('base_support__tickets') }}
),

final as (
    select
        ticket_id,
        account_id,
        requester_email,
        category,
        channel,
        priority,
        ticket_status,
        is_escalated,
        sentiment_score,
        created_at,
        solved_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
