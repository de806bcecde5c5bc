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
        {{ dbt.safe_cast('ticket_id', dbt.type_string()) }} as ticket_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ clean_email('requester_email') }} as requester_email,
        {{ dbt.safe_cast('category', dbt.type_string()) }} as category,
        {{ dbt.safe_cast('channel', dbt.type_string()) }} as channel,
        {{ dbt.safe_cast('priority', dbt.type_string()) }} as priority,
        {{ dbt.safe_cast('ticket_status', dbt.type_string()) }} as ticket_status,
        {{ dbt.safe_cast('is_escalated', dbt.type_boolean()) }} as is_escalated,
        {{ dbt.safe_cast('sentiment_score', dbt.type_float()) }} as sentiment_score,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('solved_at', dbt.type_timestamp()) }} as solved_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by ticket_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['ticket_id is null', 'missing_ticket_id'],
            ['account_id is null', 'missing_account'],
            ['created_at is null', 'invalid_created_at'],
            ['sentiment_score not between -1 and 1', 'sentiment_score_out_of_range'],
            ['key_occurrence > 1', 'superseded_by_later_version']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
