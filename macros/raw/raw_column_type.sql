{#- A raw-contract column type (the sources' data_type: varchar, integer,
    bigint, double, date, timestamp, boolean) in the engine's own spelling,
    for the typed nulls of absent columns and files. -#}
{% macro raw_column_type(data_type) %}
    {{ return(adapter.dispatch('raw_column_type')(data_type)) }}
{% endmacro %}

{% macro default__raw_column_type(data_type) %}
    {{ return(data_type) }}
{% endmacro %}

{#- Spark wants a length on varchar; its text type is string. -#}
{% macro spark__raw_column_type(data_type) %}
    {{ return({'varchar': 'string', 'integer': 'int'}.get(data_type | lower, data_type)) }}
{% endmacro %}
