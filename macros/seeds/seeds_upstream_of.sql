{#- The seeds (their nodes in dbt's graph, sorted by name) that the nodes
    `unique_ids` read, directly or through other nodes, as dbt's graph of
    depends_on records them (a seed a model reads in a query it runs while it
    compiles is declared with `-- depends_on`, or it is not in the graph). -#}
{% macro seeds_upstream_of(unique_ids) %}
    {%- set nodes = graph.nodes -%}
    {#- a queue the loop walks while it appends each parent not reached yet -#}
    {%- set reached = unique_ids | list -%}
    {%- for unique_id in reached if unique_id in nodes -%}
        {%- for parent in nodes[unique_id].depends_on.nodes if parent not in reached -%}
            {%- do reached.append(parent) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set seeds = [] -%}
    {%- for unique_id in reached
        if unique_id in nodes and nodes[unique_id].resource_type == 'seed' -%}
        {%- do seeds.append(nodes[unique_id]) -%}
    {%- endfor -%}
    {{ return(seeds | sort(attribute='name')) }}
{% endmacro %}
