{#-
    For tests whose failing rows explain themselves: runs the violations query
    (one text column `violation` naming what is wrong and where), prints each
    violation to the dbt log and console after `label: `, and returns the query
    so the test fails with them. The query must be cheap to run twice. It runs
    only when the test does (dbt build, test or retry): `dbt compile` and
    `dbt docs generate` compile tests too, also on a database with no tables.
    Under `--empty`, which reads no rows, a rule that needs a row (a settings
    seed's one row, a configured config set) would fail on every run: the query
    is then returned to run with no row kept, so its SQL is still checked.
-#}
{% macro report_violations(violations_sql, label) %}
    {% if flags.EMPTY %}
        {{ return('select violation from (' ~ violations_sql ~ ') as found where 1 = 0') }}
    {% endif %}
    {% if execute and flags.WHICH in ('build', 'test', 'retry') %}
        {% set found = run_query(violations_sql) %}
        {% for row in found.rows %}
            {% do log(label ~ ': ' ~ row[0], info=true) %}
        {% endfor %}
    {% endif %}
    {{ return(violations_sql) }}
{% endmacro %}
