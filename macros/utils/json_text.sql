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
