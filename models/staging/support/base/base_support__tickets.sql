{#-
    Every raw row of support.tickets, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_support__tickets keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('support', 'tickets') }} as src
),

typed as (
    select
        {{ typed('ticket_id', 'string') }} as ticket_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ clean_email('requester_email') }} as requester_email,
        {{ typed('category', 'string') }} as category,
        {{ typed('channel', 'string') }} as channel,
        {{ typed('priority', 'string') }} as priority,
        {{ typed('ticket_status', 'string') }} as ticket_status,
        {{ typed('is_escalated', 'boolean') }} as is_escalated,
        {{ typed('sentiment_score', 'float') }} as sentiment_score,
        {{ typed('created_at', 'timestamp') }} as created_at,
        {{ typed('solved_at', 'timestamp') }} as solved_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'ticket_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['ticket_id is null', 'missing_ticket_id'],
            ['account_id is null', 'missing_account'],
            ['created_at is null', 'invalid_created_at'],
            ['sentiment_score not between -1 and 1', 'sentiment_score_out_of_range'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'superseded_by_later_version']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
