{#- The quarantine condition of seed value_limits for a column of a raw table:
    true where the value is above the seed's max_value (no row: no limit). For
    money and seats, where an export error (a price in cents) would otherwise
    pass as revenue. docs/DEFINITIONS.md 1. -#}
{% macro above_value_limit(source_table, column) -%}
    {{ column }} > (
        select max(limits.max_value)
        from {{ ref('value_limits') }} as limits
        where
            limits.source_table = '{{ source_table }}'
            and limits.column_name = '{{ column }}'
    )
{%- endmacro %}
