{#-
    Every raw row of product.tracks, typed and normalised, with the first data-quality
    rule it breaks (null when usable); raw_row keeps the raw record of the rows that
    break one or hold a cell that does not parse (null for the others:
    fct_quarantined_rows and fct_unparsed_cells read it).
    stg_product__tracks keeps the usable rows; fct_quarantined_rows keeps the others.

    A view: the largest raw table is not copied into the warehouse, and every
    reader scans the raw file once. De-duplication without sorting every event:
    a row whose message_id hash no other row shares is its own first
    occurrence; the others come ranked from base_product__tracks_repeated.
-#}
{{ config(materialized='view') }}

with typed as (
    {{ tracks_typed() }}
),

repeated as (
    select * from {{ ref('base_product__tracks_repeated') }}
),

once as (
    select
        typed.*,
        1 as key_occurrence
    from typed
    where not exists (
        select 1 from repeated
        where repeated.message_hash = typed.message_hash
    )
),

ranked as (
    select * from once
    union all
    select * from repeated
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
),

final as (
    select
        message_id,
        user_id,
        account_id,
        event_name,
        occurred_at,
        event_value,
        received_at,
        _loaded_at,
        quarantine_rule,
        case
            when quarantine_rule is not null or has_unparsed_cell then raw_row
        end as raw_row
    from checked
)

select * from final
