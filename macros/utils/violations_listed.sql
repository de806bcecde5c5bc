{#-
    A violations query (report_violations) whose rows are texts already known
    when the test compiles: one row per line, or with no line a query of no row
    (a test that found nothing to check, or a check made in Jinja that passed).
-#}
{% macro violations_listed(lines) %}
    {%- if not lines %}
        {{- return('select cast(null as ' ~ dbt.type_string() ~ ') as violation where 1 = 0') }}
    {%- endif %}
    {%- set rows = [] %}
    {%- for line in lines %}
        {%- do rows.append('select ' ~ text_literal(line) ~ ' as violation') %}
    {%- endfor %}
    {{- return(rows | join('\nunion all\n')) }}
{% endmacro %}
