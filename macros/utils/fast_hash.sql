{#- A cheap non-cryptographic hash of an expression, for grouping many rows by
    a key before an exact comparison of the few that collide (never as a key on
    its own). Dispatched: DuckDB hash(), Spark xxhash64(), elsewhere dbt.hash. -#}
{% macro fast_hash(expression) %}
    {{ return(adapter.dispatch('fast_hash')(expression)) }}
{% endmacro %}

{% macro default__fast_hash(expression) -%}
    {{ dbt.hash(expression) }}
{%- endmacro %}

{% macro duckdb__fast_hash(expression) -%}
    hash({{ expression }})
{%- endmacro %}

{% macro spark__fast_hash(expression) -%}
    xxhash64({{ expression }})
{%- endmacro %}
