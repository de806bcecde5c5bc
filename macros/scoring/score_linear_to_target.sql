{#- 0-100: value / target x 100, clamped. Null value or target <= 0 gives null. -#}
{% macro score_linear_to_target(value, target) -%}
    {%- set ratio -%}
        100.0 * ({{ value }})
        / (case when ({{ target }}) > 0 then ({{ target }}) end)
    {%- endset -%}
    {{ clamp_score(ratio) }}
{%- endmacro %}
