{#- The median of a numeric expression, as an aggregate (exact on both
    engines: DuckDB's median, Spark's percentile). -#}
{% macro median(expression) %}
    {{ return(adapter.dispatch('median')(expression)) }}
{% endmacro %}

{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
