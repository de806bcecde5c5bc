{#- dbt-spark's step that writes a contract's constraints once the table is
    built (dispatched in the dbt namespace, so this project's version comes
    first). A plain (Parquet) table on Spark cannot enforce not_null, and
    dbt-spark's ALTER COLUMN ... SET NOT NULL fails the model: on Spark the
    contracts keep their names and types and the columns' not_null data
    tests check the values. DuckDB enforces the constraints in the table's
    DDL and never calls this. -#}
{% macro persist_constraints(relation, model) %}
    {{ return(adapter.dispatch('persist_constraints', 'dbt')(relation, model)) }}
{% endmacro %}

{% macro default__persist_constraints(relation, model) %}
{% endmacro %}

{% macro spark__persist_constraints(relation, model) %}
    {% do log('not_null constraints of ' ~ relation ~ ' are checked by its not_null tests on Spark', info=false) %}
{% endmacro %}
