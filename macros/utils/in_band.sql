{#- True when `value` falls in the band from `lower` (inclusive) to `upper`
    (exclusive); a null bound is no limit. The one band rule of the tiers,
    colours, velocity bands and the escalation path. -#}
{% macro in_band(value, lower, upper) -%}
    ({{ lower }} is null or ({{ value }}) >= {{ lower }})
    and ({{ upper }} is null or ({{ value }}) < {{ upper }})
{%- endmacro %}
