{#- The five components of the health score, in reporting order; each has a
    <component>_score column in the score history. -#}
{% macro score_components() %}
    {{ return(['usage', 'engagement', 'growth', 'support', 'financial']) }}
{% endmacro %}
