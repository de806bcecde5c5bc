{#- SQL text that names a seed row by its key columns: "a=x, b=y". -#}
{% macro seed_row_key(key_columns) -%}
    {%- for column in key_columns -%}
        '{{ column }}=' || coalesce(cast({{ column }} as {{ dbt.type_string() }}), 'null')
        {%- if not loop.last %} || ', ' || {% endif -%}
    {%- endfor -%}
{%- endmacro %}
