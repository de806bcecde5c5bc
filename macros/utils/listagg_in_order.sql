{#- Texts joined in a given order (dbt.listagg with an order by) on Spark:
    dbt-spark's listagg drops the order (it warns "order_by_clause is not
    supported"), so drivers in words and score-version rows would come out
    in any order. Spark 4 has LISTAGG ... WITHIN GROUP (ORDER BY ...); the
    project's spark__listagg (dispatched by dbt.listagg, root project first)
    writes it. -#}
{% macro listagg_in_order(measure, delimiter_text, order_by_clause) -%}
    listagg({{ measure }}, {{ delimiter_text }})
    {%- if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}

{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error("listagg: limit_num is not written for Spark") }}
    {%- endif -%}
    {{ listagg_in_order(measure, delimiter_text, order_by_clause) }}
{%- endmacro %}
