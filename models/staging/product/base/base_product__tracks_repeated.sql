{#- The raw rows of product.tracks whose message_id hash another raw row
    shares (the duplicates, plus the odd hash collision), typed, each with its
    occurrence of its message_id: 1 for the row kept, counted by received_at,
    then _loaded_at, then the other columns so that the pick does not depend
    on the engine's order. A small table, so that base_product__tracks ranks
    only these rows instead of sorting every event; null message_ids hash
    alike and are here when there are several. -#}
{{ config(materialized='table') }}

{#- the typed rows are read twice as subqueries, not shared as a CTE that an
    engine may materialise whole -#}
with repeated_hashes as (
    select typed.message_hash
    from ({{ tracks_typed() }}) as typed
    group by typed.message_hash
    having count(*) > 1
),

final as (
    select
        typed.*,
        row_number() over (
            partition by typed.message_id
            order by
                typed.received_at, typed._loaded_at, typed.occurred_at,
                typed.account_id, typed.user_id, typed.event_name,
                typed.event_value
        ) as key_occurrence
    from ({{ tracks_typed() }}) as typed
    inner join repeated_hashes
        on typed.message_hash = repeated_hashes.message_hash
)

select * from final
