{#- The hint that makes the engine compute a CTE once and read its stored rows,
    written between `as` and the CTE's bracket. DuckDB (`materialized`): for a
    CTE over the unpivoted sub-metric scores (a union of one branch per
    sub-metric) that a window then reads, which is slower and takes far more
    memory when the window reads the branches themselves (rpt_account_submetric_scores
    at the large size: 4.6 s and 4 GB against 2.6 s and 1 GB). Engines without
    the hint (Spark) plan the CTE as they would. -#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    {{ return('materialized') }}
{%- endmacro %}
