{#- The predicate keeping the raw rows an incremental model stored by load
    reads on this run (docs/DEFINITIONS.md 6): the rows whose load time,
    typed, is after the latest _loaded_at stored (the watermark, read when the
    model compiles and written as a literal, so that the scan of the raw file
    skips older row groups), and the rows without a readable load time, which
    every run reads again (strategy append_loads replaces them). none in a
    full build, before execution, or while the table is empty: every row.
    loaded_at: the raw load-time column. -#}
{% macro loaded_since_watermark(loaded_at) %}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set watermark = run_query(
        'select cast(max(_loaded_at) as ' ~ dbt.type_string() ~ ') from '
        ~ this).columns[0].values()[0] -%}
    {%- if watermark is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set typed_loaded_at = typed(loaded_at, 'timestamp') -%}
    {{ return('(' ~ typed_loaded_at ~ ' > cast(' ~ text_literal(watermark)
        ~ ' as ' ~ dbt.type_timestamp() ~ ') or ' ~ typed_loaded_at
        ~ ' is null)') }}
{% endmacro %}
