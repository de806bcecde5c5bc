{#- The hint that makes the engine compute a CTE once and read its stored rows,
    written between `as` and the CTE's bracket: `materialized` on DuckDB,
    nothing on engines without it (Spark), which plan the CTE as they would.
    For a CTE over the unpivoted sub-metric scores (a union of one branch per
    sub-metric) that windows then read: with the windows reading the branches
    themselves, DuckDB is about twice as slow and fills its memory limit
    (rpt_account_submetric_scores, decision 39). -#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    {{ return('materialized') }}
{%- endmacro %}
