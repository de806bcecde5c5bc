{#- A table, not a view: the de-duplication window over the largest raw table
    runs once, and the staging view, the quarantine and the product aggregates
    all read its result. -#}
{{ config(materialized='table') }}

{#-
    Every raw row of product.tracks, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_product__tracks keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('product', 'tracks') }} as src
),

typed as (
    select
        {{ typed('message_id', 'string') }} as message_id,
        {{ typed('user_id', 'string') }} as user_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('event', 'string') }} as event_name,
        {{ typed('event_timestamp', 'timestamp') }} as occurred_at,
        {{ typed('event_value', 'float') }} as event_value,
        {{ typed('received_at', 'timestamp') }} as received_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by message_id
            order by received_at, _loaded_at
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['message_id is null', 'missing_message_id'],
            ['account_id is null', 'missing_account'],
            ['event_name is null', 'missing_event_name'],
            ['occurred_at is null', 'invalid_event_timestamp'],
            ['key_occurrence > 1', 'duplicate_message_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
