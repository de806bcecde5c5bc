{#- The source node of a raw table named system.table (as staged_entities
    lists them), or none when no source is declared under that name. -#}
{% macro raw_source_node(source_table) %}
    {% set source_name, table_name = source_table.split('.') %}
    {{ return(graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name) | first) }}
{% endmacro %}
