{#- The rows of seed metric_catalogue as a list of dicts (one per metric, in
    the seed's column names; empty cells None, numbers as int), read while
    models compile. Before the seed exists (dbt parse, docs or lint on an empty
    database) it gives [], so the generated models compile to no metric. -#}
{% macro metric_catalogue_rows() %}
    {% if not execute %}{{ return([]) }}{% endif %}
    {% set relation = load_relation(ref('metric_catalogue')) %}
    {% if relation is none %}{{ return([]) }}{% endif %}
    {% set table = run_query('select * from ' ~ relation ~ ' order by metric') %}
    {% set rows = [] %}
    {% for row in table.rows %}
        {% set item = {} %}
        {% for column in table.column_names %}
            {% set value = row[column] %}
            {% if value is not none and column in (
                'window_days', 'min_lifetime_days') %}
                {% set value = value | int %}
            {% elif value is string and value | trim == '' %}
                {% set value = none %}
            {% endif %}
            {% do item.update({column: value}) %}
        {% endfor %}
        {% do rows.append(item) %}
    {% endfor %}
    {{ return(rows) }}
{% endmacro %}
