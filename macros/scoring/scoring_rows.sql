{#- The enabled rows of scoring_submetrics for a config set, as dicts (empty
    cells None, numbers as floats), read while models compile: which
    sub-metrics int_account_scores_daily scores and how. [] before the seed
    exists. -#}
{% macro scoring_rows(config_set) %}
    {% if not execute %}{{ return([]) }}{% endif %}
    {% set relation = load_relation(ref('scoring_submetrics')) %}
    {% if relation is none %}{{ return([]) }}{% endif %}
    {% set table = run_query(
        "select * from " ~ relation ~ " where config_set = '" ~ config_set
        ~ "' and is_enabled order by component, submetric") %}
    {% set rows = [] %}
    {% for row in table.rows %}
        {% set item = {} %}
        {% for column in table.column_names %}
            {% set value = row[column] %}
            {% if value is not none and column in (
                'weight', 'target', 'range_min', 'range_max', 'trend_factor') %}
                {% set value = value | float %}
            {% elif value is string and value | trim == '' %}
                {% set value = none %}
            {% endif %}
            {% do item.update({column: value}) %}
        {% endfor %}
        {% do rows.append(item) %}
    {% endfor %}
    {{ return(rows) }}
{% endmacro %}
