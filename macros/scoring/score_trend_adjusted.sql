{#- 0-100: base_score x (1 + trend x factor), clamped, where trend is the
    relative change of the sub-metric (a change metric of the catalogue, named
    in the sub-metric's trend_metric). No trend (null: a young account, whose
    earlier window is not full, or an earlier value of 0) leaves the base score
    unchanged: missing history is not penalised. -#}
{% macro score_trend_adjusted(base_score, trend, factor) -%}
    {%- set adjusted -%}
        ({{ base_score }}) * (1 + coalesce({{ trend }}, 0) * ({{ factor }}))
    {%- endset -%}
    {{ clamp_score(adjusted) }}
{%- endmacro %}
