{{ config(
    materialized='incremental',
    incremental_strategy='append_loads',
    on_schema_change='fail',
) }}
{#-
    Every raw row of product.tracks, typed and normalised, with the first
    data-quality rule it breaks (null when usable); raw_row keeps the raw record
    of the rows that break one or hold a cell that does not parse (null for the
    others: fct_quarantined_rows and fct_unparsed_cells read it).
    stg_product__tracks keeps the usable rows; fct_quarantined_rows keeps the others.

    Stored by load, the one staged table that is (docs/DEFINITIONS.md 6): a
    run types only the raw rows loaded after the latest stored _loaded_at and
    the rows without a load time (loaded_since_watermark, strategy
    append_loads), so the largest raw file is read once per load, not by every
    model on every run. The copy of a message_id loaded first is kept
    (occurrence 1; among copies of one load, the first received, then the
    other columns, so that the pick does not depend on the engine's order):
    a later load never changes a stored row, and a new row whose message_id
    is stored is a duplicate. De-duplication without sorting every event: only
    the rows whose message_id hash another row read shares are ranked (about
    0.2 %); the typed rows are read as subqueries, not shared as a CTE that
    an engine may materialise whole. Null message_ids hash alike and are
    quarantined by their own rule first.
-#}
{%- set since = loaded_since_watermark('src._loaded_at') -%}

with repeated_hashes as (
    select typed.message_hash
    from ({{ tracks_typed(since) }}) as typed
    group by typed.message_hash
    having count(*) > 1
),

repeated as (
    select
        typed.*,
        row_number() over (
            partition by typed.message_id
            order by
                typed._loaded_at nulls last, typed.received_at nulls last,
                typed.occurred_at nulls last, typed.account_id nulls last,
                typed.user_id nulls last, typed.event_name nulls last,
                typed.event_value nulls last
        ) as occurrence_read
    from ({{ tracks_typed(since) }}) as typed
    inner join repeated_hashes
        on typed.message_hash = repeated_hashes.message_hash
),

once as (
    select
        typed.*,
        1 as occurrence_read
    from ({{ tracks_typed(since) }}) as typed
    left join repeated_hashes
        on typed.message_hash = repeated_hashes.message_hash
    where repeated_hashes.message_hash is null
),

read_rows as (
    select * from once
    union all
    select * from repeated
),

{%- if is_incremental() %}

{#- the copies stored by earlier loads come first; the rows without a load
    time are read again, so they are not counted as stored -#}
stored_copies as (
    select
        stored.message_id,
        count(*) as copies
    from {{ this }} as stored
    where
        stored._loaded_at is not null
        and stored.message_id in (select read_rows.message_id from read_rows)
    group by stored.message_id
),

ranked as (
    select
        read_rows.*,
        read_rows.occurrence_read + coalesce(stored_copies.copies, 0)
            as key_occurrence
    from read_rows
    left join stored_copies
        on read_rows.message_id = stored_copies.message_id
),
{%- else %}

ranked as (
    select
        *,
        occurrence_read as key_occurrence
    from read_rows
),
{%- endif %}

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
