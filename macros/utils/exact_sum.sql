{#- The sum of a numeric expression, each value rounded to 9 decimals and
    added as a decimal: exact, so the same rows give the same bits whatever
    order the engine adds them in (see exact_mean). -#}
{% macro exact_sum(expression) -%}
    cast(sum(cast(round({{ expression }}, 9) as decimal(38, 9))) as double)
{%- endmacro %}
