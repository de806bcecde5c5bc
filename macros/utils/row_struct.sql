{#- A relation alias's whole row as one struct value (cheap to carry along). -#}
{% macro row_struct(alias) %}
    {{ return(adapter.dispatch('row_struct')(alias)) }}
{% endmacro %}

{% macro default__row_struct(alias) -%}
    struct({{ alias }}.*)
{%- endmacro %}

{% macro duckdb__row_struct(alias) -%}
    {{ alias }}
{%- endmacro %}
