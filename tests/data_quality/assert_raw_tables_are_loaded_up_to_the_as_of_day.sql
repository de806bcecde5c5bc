{{ config(severity='warn') }}
{#- Warns, one line per table, when a raw table's latest row (its staged base
    model's max _loaded_at) was loaded longer before the end of the as-of day
    than its source's freshness allows: the days after that load read as
    accounts going quiet until the export catches up. "raw tables loaded some
    time before the as-of day ended: crm.activities: its latest row was loaded
    at <time>, 6 days 2 h before as_of_date <day> ended; its freshness
    warn_after is 2 days (<sources yml>)". The limits are the sources' own
    freshness blocks, the ones `dbt source freshness` applies against the
    clock. On DuckDB a table past error_after has already stopped the run at
    raw registration (check_raw_tables_loaded_up_to_as_of), before anything
    was replaced, so a build that gets here warns of warn_after only; as a
    test the warning counts in dbt's WARN= summary and run_results.json, where
    a scheduler sees it. On Spark, which registers raw files without reading
    them, this test is the only check and names either limit. A table with no
    row, or a source without a freshness block, is not checked; a base model
    not built yet (a partial first run) is left out (docs/RAW_CONTRACT.md). -#}
{%- for source_table, name, key, has_account in staged_entities() %}
-- depends_on: {{ ref('base_' ~ name) }}
{%- endfor %}
{%- set checked = [] %}
{%- if execute %}
    {%- for source_table, name, key, has_account in staged_entities() %}
        {%- set node = raw_source_node(source_table) %}
        {%- set limits = [] %}
        {%- for level in ['error_after', 'warn_after'] if node %}
            {%- set limit = freshness_limit(node, level) %}
            {%- if limit is not none %}
                {%- do limits.append([level] + limit) %}
            {%- endif %}
        {%- endfor %}
        {%- set base = ref('base_' ~ name) %}
        {%- if limits and node.loaded_at_field and load_relation(base) is not none %}
            {%- do checked.append([source_table, base, node.loaded_at_field, limits,
                node.original_file_path]) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}
{% set violations %}
    {%- if not checked %}
    {{ violations_listed([]) }}
    {%- else %}
    with latest_loads as (
        {%- for source_table, base, loaded_at_field, limits, yml in checked %}
        select
            '{{ source_table }}' as source_table,
            max({{ loaded_at_field }}) as loaded_through
        from {{ base }}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ),

    aged as (
        select
            source_table,
            loaded_through,
            {{ dbt.datediff(
                'loaded_through',
                'cast(' ~ dbt.dateadd('day', 1, as_of_date()) ~ ' as '
                ~ dbt.type_timestamp() ~ ')',
                'second'
            ) }} as age_seconds
        from latest_loads
        where loaded_through is not null
    ),

    passed as (
        select
            source_table,
            loaded_through,
            cast(floor(age_seconds / 86400) as bigint) as age_days,
            cast(floor((age_seconds % 86400) / 3600) as bigint) as age_hours,
            case
                {%- for source_table, base, loaded_at_field, limits, yml in checked %}
                {%- for level, seconds, said in limits %}
                when
                    source_table = '{{ source_table }}'
                    and age_seconds > {{ seconds }}
                    then '{{ level }} is {{ said }} ({{ yml }})'
                {%- endfor %}
                {%- endfor %}
            end as limit_passed
        from aged
    )

    select
        source_table || ': its latest row was loaded at '
        || cast(loaded_through as {{ dbt.type_string() }}) || ', '
        || cast(age_days as {{ dbt.type_string() }})
        || case when age_days = 1 then ' day ' else ' days ' end
        || cast(age_hours as {{ dbt.type_string() }})
        || ' h before as_of_date {{ var("as_of_date") }} ended; its freshness '
        || limit_passed as violation
    from passed
    where limit_passed is not null
    order by source_table
    {%- endif %}
{% endset %}
{{ report_violations(violations, 'raw tables loaded some time before the as-of day ended') }}
