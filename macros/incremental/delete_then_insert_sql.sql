{#- The body the project's incremental strategies share: delete the stored
    rows `predicate` names, then insert every row of the run's temp relation.
    What differs between strategies is only which stored rows the run
    replaces (replace_days: the recomputed days; append_loads: the rows
    without a load time). -#}
{% macro delete_then_insert_sql(arg_dict, predicate) %}
    {{- return(adapter.dispatch('delete_then_insert_sql')(arg_dict, predicate)) }}
{% endmacro %}

{% macro default__delete_then_insert_sql(arg_dict, predicate) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(
        arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where {{ predicate }};

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ arg_dict['temp_relation'] }}
{% endmacro %}

{#- Spark's plain tables take no delete: the table is rewritten
    (rewrite_through_scratch) as the rows the predicate does not name (null
    counts as not named, as for a delete) and the run's rows. -#}
{% macro spark__delete_then_insert_sql(arg_dict, predicate) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(
        arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- do rewrite_through_scratch(target, 'select ' ~ columns ~ ' from '
        ~ target ~ ' where not coalesce((' ~ predicate ~ '), false)'
        ~ ' union all select ' ~ columns ~ ' from ' ~ arg_dict['temp_relation']) %}
    select 1
{% endmacro %}
