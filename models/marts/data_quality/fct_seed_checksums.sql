{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}
{#-
    One row per run and seed that the incremental (day-grain) models read,
    directly or through other models (primary key run_number + seed_name): the
    checksum of the seed's file in force for that run, from dbt's graph. A run
    computes the days it recomputes with its seeds and keeps the stored days as
    the runs before computed them, so a seed with two checksums in the log has
    left the stored days computed with two editions of it; a test warns until a
    --full-refresh, which starts the log again at run 1 (docs/DEFINITIONS.md 6).
-#}
{%- set incremental_models = graph.nodes.values()
    | selectattr('resource_type', 'equalto', 'model')
    | selectattr('config.materialized', 'equalto', 'incremental')
    | map(attribute='unique_id') | list %}

with previous as (
    {%- if is_incremental() %}
    select max(stored.run_number) as run_number
    from {{ this }} as stored
    {%- else %}
    select cast(null as integer) as run_number
    {%- endif %}
),

seeds as (
    {%- for seed in seeds_upstream_of(incremental_models) %}
    select
        {{ text_literal(seed.name) }} as seed_name,
        {{ text_literal(seed.original_file_path) }} as seed_path,
        {{ text_literal(seed.checksum.checksum) }} as seed_checksum
    union all
    {%- endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as seed_name,
        cast(null as {{ dbt.type_string() }}) as seed_path,
        cast(null as {{ dbt.type_string() }}) as seed_checksum
    where 1 = 0
),

final as (
    select
        cast(coalesce(previous.run_number, 0) + 1 as integer) as run_number,
        {{ as_of_date() }} as as_of_date,
        seeds.seed_name,
        seeds.seed_path,
        seeds.seed_checksum
    from seeds
    cross join previous
)

select * from final
