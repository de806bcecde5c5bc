{#- The as-of day from the `as_of_date` var, as a SQL date literal. Models never read the clock. -#}
{% macro as_of_date() -%}
    cast('{{ var("as_of_date") }}' as date)
{%- endmacro %}
