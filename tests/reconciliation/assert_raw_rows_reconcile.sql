{#- Every raw row is accounted for: for each raw table, the rows in the source
    equal the rows staged plus the rows quarantined in staging. Fails with one row
    per table where that does not hold. Under `--empty`, which reads no row of
    the reconciliation but still counts each raw table (as zero), there is
    nothing to reconcile. -#}
with source_counts as (
    {%- for source_table, name, key, has_account in staged_entities() %}
    {%- set source_name, table_name = source_table.split('.') %}
    select
        '{{ source_table }}' as source_table,
        count(*) as source_rows
    from {{ source(source_name, table_name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

reconciliation as (
    select * from {{ ref('rpt_raw_row_reconciliation') }}
)

select
    source_counts.source_table,
    source_counts.source_rows,
    reconciliation.staged_rows,
    reconciliation.quarantined_in_staging
from source_counts
left join reconciliation
    on source_counts.source_table = reconciliation.source_table
where
    (
        reconciliation.source_table is null
        or source_counts.source_rows
        != reconciliation.staged_rows + reconciliation.quarantined_in_staging
    ){% if flags.EMPTY %} and 1 = 0{% endif %}
