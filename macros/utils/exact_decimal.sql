{#- A numeric expression rounded to 9 decimals as a decimal(38, 9): sums of
    these are exact, so the same rows give the same bits whatever order the
    engine adds them in (exact_sum, exact_mean, the metric windows). -#}
{% macro exact_decimal(expression) -%}
    cast(round({{ expression }}, 9) as decimal(38, 9))
{%- endmacro %}
