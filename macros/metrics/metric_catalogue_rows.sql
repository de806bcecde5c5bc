{#- The rows of seed metric_catalogue as a list of dicts (one per metric, in
    the seed's column names; empty cells None, numbers as int), read while
    models compile. Before the seed exists (dbt parse, docs or lint on an empty
    database) it gives [], so the generated models compile to no metric. -#}
{% macro metric_catalogue_rows() %}
    {% if not execute %}{{ return([]) }}{% endif %}
    {% set relation = load_relation(ref('metric_catalogue')) %}
    {% if relation is none %}{{ return([]) }}{% endif %}
    {{ return(query_rows(
        'select * from ' ~ relation ~ ' order by metric',
        int_columns=['window_days', 'min_lifetime_days'])) }}
{% endmacro %}
