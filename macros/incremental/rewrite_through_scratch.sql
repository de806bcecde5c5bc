{#- Spark: rewrites a table as `rows` (a select of the rows it keeps and the
    new ones), since its plain tables take no delete and Spark does not
    overwrite a table the same statement reads. The rows go to a scratch
    table <table>__dbt_kept, which overwrites the table and is then dropped.
    The statements run here, so the caller's own statement is a no-op. Used
    by the incremental strategies (delete_then_insert_sql): the scratch table
    is the model's own, so models running at once do not share one. -#}
{% macro rewrite_through_scratch(target, rows) %}
    {%- set scratch = target.incorporate(
        path={'identifier': target.identifier ~ '__dbt_kept'}) %}
    {%- do run_query('drop table if exists ' ~ scratch) %}
    {%- do run_query('create table ' ~ scratch ~ ' as ' ~ rows) %}
    {%- do run_query('insert overwrite table ' ~ target
        ~ ' select * from ' ~ scratch) %}
    {%- do run_query('drop table ' ~ scratch) %}
{% endmacro %}
