{#- One row per month from the month of start_date to the month of end_date
    inclusive, column `month_start` (the first day). Arguments are SQL
    expressions. -#}
{% macro month_series(start_date, end_date) %}
    {{ return(adapter.dispatch('month_series')(start_date, end_date)) }}
{% endmacro %}

{% macro default__month_series(start_date, end_date) -%}
    select explode(sequence(
        cast({{ dbt.date_trunc('month', start_date) }} as date),
        cast({{ dbt.date_trunc('month', end_date) }} as date),
        interval 1 month
    )) as month_start
{%- endmacro %}

{% macro duckdb__month_series(start_date, end_date) -%}
    select cast(unnest(generate_series(
        cast({{ dbt.date_trunc('month', start_date) }} as timestamp),
        cast({{ dbt.date_trunc('month', end_date) }} as timestamp),
        interval 1 month
    )) as date) as month_start
{%- endmacro %}
