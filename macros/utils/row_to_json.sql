{#- The whole row of a relation alias as JSON text (kept with quarantined rows). -#}
{% macro row_to_json(alias) %}
    {{ return(adapter.dispatch('row_to_json')(alias)) }}
{% endmacro %}

{% macro default__row_to_json(alias) -%}
    to_json(struct({{ alias }}.*))
{%- endmacro %}

{% macro duckdb__row_to_json(alias) -%}
    cast(to_json({{ alias }}) as varchar)
{%- endmacro %}
