{#- The last non-null value of an expression in a window frame, without the
    window (the caller appends `over (...)`): DuckDB takes IGNORE NULLS inside
    the call, Spark as last_value's second argument. -#}
{% macro last_non_null(expression) %}
    {{- return(adapter.dispatch('last_non_null')(expression)) -}}
{% endmacro %}

{% macro default__last_non_null(expression) %}
    {{- return('last_value(' ~ expression ~ ' ignore nulls)') -}}
{% endmacro %}

{% macro spark__last_non_null(expression) %}
    {{- return('last_value(' ~ expression ~ ', true)') -}}
{% endmacro %}
