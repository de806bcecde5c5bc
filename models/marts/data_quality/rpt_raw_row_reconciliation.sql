{#-
    One row per raw table: where every raw row went.
    raw_rows = staged_rows + quarantined_in_staging, and
    usable_rows = staged_rows - quarantined_referential.
-#}
{%- set entities = staged_entities() -%}

with counts as (
    {%- for source_table, name, key, has_account in entities %}
    select
        '{{ source_table }}' as source_table,
        (select count(*) from {{ ref('base_' ~ name) }}) as raw_rows,
        (select count(*) from {{ ref('stg_' ~ name) }}) as staged_rows
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

quarantined as (
    select
        source_table,
        sum(
            case when quarantine_stage = 'staging' then 1 else 0 end
        ) as quarantined_in_staging,
        sum(
            case when quarantine_stage = 'referential' then 1 else 0 end
        ) as quarantined_referential
    from {{ ref('fct_quarantined_rows') }}
    group by source_table
),

final as (
    select
        counts.source_table,
        counts.raw_rows,
        counts.staged_rows,
        coalesce(quarantined.quarantined_in_staging, 0)
            as quarantined_in_staging,
        coalesce(quarantined.quarantined_referential, 0)
            as quarantined_referential,
        counts.staged_rows - coalesce(quarantined.quarantined_referential, 0)
            as usable_rows,
        counts.raw_rows = counts.staged_rows
        + coalesce(quarantined.quarantined_in_staging, 0) as is_reconciled
    from counts
    left join quarantined
        on counts.source_table = quarantined.source_table
)

select * from final
