{#-
    Every raw row of support.satisfaction_ratings, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_support__satisfaction_ratings keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('support', 'satisfaction_ratings') }} as src
),

typed as (
    select
        {{ typed('rating_id', 'string') }} as rating_id,
        {{ typed('ticket_id', 'string') }} as ticket_id,
        {{ typed('score', 'int') }} as csat_score,
        {{ typed('created_at', 'timestamp') }} as rated_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'rating_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['rating_id is null', 'missing_rating_id'],
            ['ticket_id is null', 'missing_ticket_id'],
            ['csat_score is null', 'missing_csat_score'],
            ['csat_score not between 1 and 5', 'csat_score_out_of_range'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_rating_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
