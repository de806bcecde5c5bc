{#-
    For tests over analyst-edited seeds: report_violations with the label
    "seed check" (one text column `violation` naming the seed, the row and the
    rule). Seeds are a few rows, so running the query twice costs nothing.
-#}
{% macro report_seed_violations(violations_sql) %}
    {{ return(report_violations(violations_sql, 'seed check')) }}
{% endmacro %}
