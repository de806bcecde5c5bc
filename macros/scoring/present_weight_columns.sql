{#- The sum of the weights whose score is present, over columns of one row:
    pairs is a list of [score expression, weight expression]; 0 without pairs. -#}
{% macro present_weight_columns(pairs) -%}
    {%- if not pairs -%}
    0
    {%- else -%}
    ({% for score, weight in pairs -%}
        case when ({{ score }}) is not null then {{ weight }} else 0 end
        {%- if not loop.last %} + {% endif %}
    {%- endfor %})
    {%- endif -%}
{%- endmacro %}
