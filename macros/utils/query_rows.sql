{#- The rows a query returns, as a list of dicts keyed by column name, for
    macros that read a seed while models compile: empty or blank text cells
    become None, the columns in int_columns ints and in float_columns floats. -#}
{% macro query_rows(sql, int_columns=[], float_columns=[]) %}
    {% set table = run_query(sql) %}
    {% set rows = [] %}
    {% for row in table.rows %}
        {% set item = {} %}
        {% for column in table.column_names %}
            {% set value = row[column] %}
            {% if value is none %}
            {% elif column in int_columns %}
                {% set value = value | int %}
            {% elif column in float_columns %}
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
