{#- 0-100: `low` scores 0, `high` scores 100, linear in between, clamped outside
    (NPS -100..100, an NPS answer 0..10, CSAT 1..5, a 0/1 flag). Null value, or
    high <= low, gives null. -#}
{% macro score_range_rescale(value, low, high) -%}
    {%- set position -%}
        100.0 * (({{ value }}) - ({{ low }}))
        / (case when ({{ high }}) > ({{ low }}) then ({{ high }}) - ({{ low }}) end)
    {%- endset -%}
    {{ clamp_score(position) }}
{%- endmacro %}
