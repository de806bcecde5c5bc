{#- The value of an expression on the row where another is greatest, as an
    aggregate: DuckDB's arg_max, Spark's max_by. -#}
{% macro value_at_max(value, order_by) %}
    {{- return(adapter.dispatch('value_at_max')(value, order_by)) -}}
{% endmacro %}

{% macro default__value_at_max(value, order_by) %}
    {{- return('arg_max(' ~ value ~ ', ' ~ order_by ~ ')') -}}
{% endmacro %}

{% macro spark__value_at_max(value, order_by) %}
    {{- return('max_by(' ~ value ~ ', ' ~ order_by ~ ')') -}}
{% endmacro %}
