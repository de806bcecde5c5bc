{#- The day `days` days before the as-of day, as a SQL date (dbt.dateadd gives
    a timestamp on some engines; a date column compared with a timestamp is
    cast row by row, and a scan can no longer skip row groups by date). -#}
{% macro days_before_as_of(days) -%}
    cast({{ dbt.dateadd('day', -days, as_of_date()) }} as date)
{%- endmacro %}
