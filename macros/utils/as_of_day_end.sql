{#- The end of the as-of day (midnight after it), as a timestamp: the moment SLA
    due times are measured against. -#}
{% macro as_of_day_end() -%}
    {{ dbt.dateadd('day', 1, 'cast(' ~ as_of_date() ~ ' as timestamp)') }}
{%- endmacro %}
