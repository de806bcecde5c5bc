{#- Aggregate: the weighted mean of the scores that are present. A missing
    (null) score's weight is re-spread over the present ones; all missing gives
    null, never 0. -#}
{% macro weighted_mean_present(score, weight) -%}
    sum(({{ score }}) * ({{ weight }}))
    / nullif(sum(case when ({{ score }}) is not null then ({{ weight }}) end), 0)
{%- endmacro %}
