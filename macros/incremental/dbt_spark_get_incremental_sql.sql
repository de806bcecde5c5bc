{#- Spark: dbt-spark's incremental materialization accepts only its built-in
    strategies and calls its own macros by name, not through dispatch. These
    two macros take the place of dbt-spark's (a root-project macro comes
    first) for the strategies this project uses: append (dbt's insert) and
    the project's own append_loads and replace_days, built by the same
    get_incremental_<strategy>_sql macros as on DuckDB. Any other strategy
    stops the run naming it. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {% if raw_strategy not in ['append', 'append_loads', 'replace_days'] %}
        {{ exceptions.raise_compiler_error(
            "incremental strategy " ~ raw_strategy ~ ": this project builds only"
            ~ " append, append_loads and replace_days on Spark"
            ~ " (macros/incremental/dbt_spark_get_incremental_sql.sql)") }}
    {% endif %}
    {{ return(raw_strategy) }}
{% endmacro %}

{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) %}
    {%- set arg_dict = {
        'target_relation': target,
        'temp_relation': source,
        'unique_key': unique_key,
        'dest_columns': adapter.get_columns_in_relation(target),
        'incremental_predicates': incremental_predicates,
    } %}
    {%- if strategy == 'append_loads' %}
        {{- return(get_incremental_append_loads_sql(arg_dict)) }}
    {%- elif strategy == 'replace_days' %}
        {{- return(get_incremental_replace_days_sql(arg_dict)) }}
    {%- endif %}
    {{- return(get_insert_into_sql(source, target)) }}
{% endmacro %}
