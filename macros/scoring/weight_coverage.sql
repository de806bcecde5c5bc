{#- Aggregate: share of the total weight whose score is present (0-1). -#}
{% macro weight_coverage(score, weight) -%}
    coalesce(sum(case when ({{ score }}) is not null then ({{ weight }}) end), 0)
    / nullif(sum({{ weight }}), 0)
{%- endmacro %}
