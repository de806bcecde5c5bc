{#- The catalogue metrics a config set of scoring_submetrics names (its
    sub-metrics, enabled or not, and their trend metrics), read while models
    compile; [] before the seed exists. -#}
{% macro config_set_metrics(config_set) %}
    {% if not execute %}{{ return([]) }}{% endif %}
    {% set relation = load_relation(ref('scoring_submetrics')) %}
    {% if relation is none %}{{ return([]) }}{% endif %}
    {% set table = run_query(
        "select submetric, trend_metric from " ~ relation
        ~ " where config_set = " ~ text_literal(config_set) ~ " order by submetric") %}
    {% set names = [] %}
    {% for row in table.rows %}
        {% for name in [row[0], row[1]] if name and name not in names %}
            {% do names.append(name) %}
        {% endfor %}
    {% endfor %}
    {{ return(names) }}
{% endmacro %}
