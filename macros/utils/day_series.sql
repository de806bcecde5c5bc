{#- One row per day from start_date to end_date inclusive, column `date_day`.
    Arguments are SQL expressions (dbt.date_spine needs a compile-time query). -#}
{% macro day_series(start_date, end_date) %}
    {{ return(adapter.dispatch('day_series')(start_date, end_date)) }}
{% endmacro %}

{% macro default__day_series(start_date, end_date) -%}
    select explode(sequence(
        cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day
    )) as date_day
{%- endmacro %}

{% macro duckdb__day_series(start_date, end_date) -%}
    select cast(unnest(generate_series(
        cast({{ start_date }} as timestamp),
        cast({{ end_date }} as timestamp),
        interval 1 day
    )) as date) as date_day
{%- endmacro %}
