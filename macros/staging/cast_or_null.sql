{#- Casts an expression to a type, giving null where the value does not cast
    (DuckDB and Spark: try_cast). Other adapters fall back to dbt.safe_cast,
    which on some of them is a plain cast that fails the run instead. -#}
{% macro cast_or_null(column, type) -%}
    {{ return(adapter.dispatch('cast_or_null')(column, type)) }}
{%- endmacro %}

{% macro default__cast_or_null(column, type) -%}
    {{ dbt.safe_cast(column, type) }}
{%- endmacro %}

{% macro duckdb__cast_or_null(column, type) -%}
    try_cast({{ column }} as {{ type }})
{%- endmacro %}

{% macro spark__cast_or_null(column, type) -%}
    try_cast({{ column }} as {{ type }})
{%- endmacro %}
