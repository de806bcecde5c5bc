{#- 0-100: base_score x (1 + trend x factor), clamped, where trend =
    (current - previous) / previous. No trend (previous null or <= 0, as for a
    new account) leaves the base score unchanged: missing history is not penalised. -#}
{% macro score_trend_adjusted(base_score, current, previous, factor) -%}
    {%- set adjusted -%}
        ({{ base_score }}) * (1 + coalesce(
            (({{ current }}) - ({{ previous }}))
            / (case when ({{ previous }}) > 0 then ({{ previous }}) end),
            0
        ) * ({{ factor }}))
    {%- endset -%}
    {{ clamp_score(adjusted) }}
{%- endmacro %}
