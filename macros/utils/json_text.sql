{#- A struct value as JSON text (done last, only for rows that are kept aside). -#}
{% macro json_text(expression) %}
    {{ return(adapter.dispatch('json_text')(expression)) }}
{% endmacro %}

{% macro default__json_text(expression) -%}
    to_json({{ expression }})
{%- endmacro %}

{% macro duckdb__json_text(expression) -%}
    cast(to_json({{ expression }}) as varchar)
{%- endmacro %}

{#- Spark leaves null fields out of to_json unless told, and writes times
    as 2025-05-29T07:39:59.000: told here to write them as DuckDB does (null
    fields kept, 2025-05-29 07:39:59; a fraction of a second is dropped). -#}
{% macro spark__json_text(expression) -%}
    to_json({{ expression }}, map(
        'ignoreNullFields', 'false',
        'timestampFormat', 'yyyy-MM-dd HH:mm:ss',
        'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss'
    ))
{%- endmacro %}
