{#- log(1 + x) that keeps the sign: sign(x) x ln(1 + |x|). For the skewed
    counts fitted normalisation takes the log of; a relative change (which can
    be negative) keeps its direction. -#}
{% macro signed_log(value) -%}
    sign({{ value }}) * ln(1 + abs({{ value }}))
{%- endmacro %}
