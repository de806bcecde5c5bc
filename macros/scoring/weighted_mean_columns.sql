{#- The weighted mean of the scores that are present, over columns of one row
    (not an aggregate): pairs is a list of [score expression, weight
    expression]; a missing (null) score's weight is re-spread over the present
    ones; all missing, no weight on the present ones, or no pairs, gives null. -#}
{% macro weighted_mean_columns(pairs) -%}
    {%- if not pairs -%}
    cast(null as double)
    {%- else -%}
    ({% for score, weight in pairs -%}
        coalesce(({{ score }}) * ({{ weight }}), 0)
        {%- if not loop.last %} + {% endif %}
    {%- endfor %})
    / nullif({{ present_weight_columns(pairs) }}, 0)
    {%- endif -%}
{%- endmacro %}
