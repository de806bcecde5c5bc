{#- 0-100, lower is better: `best` (or less) scores 100, `worst` (or more) scores 0,
    linear in between. Null value, or worst <= best, gives null. -#}
{% macro score_inverse(value, best, worst) -%}
    {%- set distance -%}
        100.0 * (({{ worst }}) - ({{ value }}))
        / (case when ({{ worst }}) > ({{ best }}) then ({{ worst }}) - ({{ best }}) end)
    {%- endset -%}
    {{ clamp_score(distance) }}
{%- endmacro %}
