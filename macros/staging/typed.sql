{#- Casts a raw column to a contract type, giving null (not an error) when a value
    does not cast: staging then quarantines the row by the rule on that column.
    type_name: string, int, float, boolean, timestamp or date. -#}
{% macro typed(column, type_name) -%}
    {%- set types = {
        'string': dbt.type_string(),
        'int': dbt.type_int(),
        'float': 'double',
        'boolean': dbt.type_boolean(),
        'timestamp': dbt.type_timestamp(),
        'date': 'date',
    } -%}
    {%- if type_name not in types -%}
        {{ exceptions.raise_compiler_error("typed(): unknown type " ~ type_name) }}
    {%- endif -%}
    {{ cast_or_null(column, types[type_name]) }}
{%- endmacro %}
