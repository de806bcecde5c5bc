{#- The clause ending a day-grain model's select that writes its rows in day
    order (`column`, a date): DuckDB keeps each row group's min and max, so a
    daily run's read of the recent days (a literal filter, day_after) skips
    the older row groups instead of reading the whole history. A full build
    sorts once; a daily run appends its few days at the end, in order, with
    the whole history of any account it recomputes whole (a restart): the row
    groups it appends then span those accounts' older days too, until the
    next full build.
    Nothing on Spark, where a global sort costs a shuffle and a large table
    is partitioned instead. Decision 42. -#}
{% macro cluster_by_day(column='date_day') -%}
    {{ return(adapter.dispatch('cluster_by_day')(column)) }}
{%- endmacro %}

{% macro default__cluster_by_day(column) -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__cluster_by_day(column) -%}
    {{ return('order by ' ~ column) }}
{%- endmacro %}
