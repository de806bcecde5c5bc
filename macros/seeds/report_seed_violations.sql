{#-
    For tests over analyst-edited seeds: runs the violations query (one text
    column `violation` naming the seed, the row and the rule), prints each
    violation to the dbt log and console, and returns the query so the test fails
    with them. Seeds are a few rows, so running the query twice costs nothing.
-#}
{% macro report_seed_violations(violations_sql) %}
    {% if execute %}
        {% set found = run_query(violations_sql) %}
        {% for row in found.rows %}
            {% do log('seed check: ' ~ row[0], info=true) %}
        {% endfor %}
    {% endif %}
    {{ return(violations_sql) }}
{% endmacro %}
