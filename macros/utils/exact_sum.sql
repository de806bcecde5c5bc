{#- The sum of a numeric expression, each value rounded to 9 decimals and
    added as a decimal: exact, so the same rows give the same bits whatever
    order the engine adds them in (see exact_mean). -#}
{% macro exact_sum(expression) -%}
    cast(sum({{ exact_decimal(expression) }}) as double)
{%- endmacro %}
