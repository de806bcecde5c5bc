{#- The mean of a numeric expression, each value rounded to 9 decimals and
    summed as a decimal: exact, so the same rows give the same bits whatever
    order the engine adds them in (a double sum moves the last bit, and a
    mean sitting on a rounding half then flips). -#}
{% macro exact_mean(expression) -%}
    cast(avg({{ exact_decimal(expression) }}) as double)
{%- endmacro %}
