{#- The enabled rows of scoring_submetrics for a config set, as dicts (empty
    cells None, numbers as floats), read while models compile: which
    sub-metrics int_account_scores_daily scores and how. [] before the seed
    exists. -#}
{% macro scoring_rows(config_set) %}
    {% if not execute %}{{ return([]) }}{% endif %}
    {% set relation = load_relation(ref('scoring_submetrics')) %}
    {% if relation is none %}{{ return([]) }}{% endif %}
    {{ return(query_rows(
        "select * from " ~ relation ~ " where config_set = " ~ text_literal(config_set)
        ~ " and is_enabled order by component, submetric",
        float_columns=['weight', 'target', 'range_min', 'range_max', 'trend_factor'])) }}
{% endmacro %}
