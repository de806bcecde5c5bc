{#- The body the project's incremental strategies share: delete the stored
    rows `predicate` names, then insert every row of the run's temp relation.
    What differs between strategies is only which stored rows the run
    replaces (replace_days: the recomputed days; append_loads: the rows
    without a load time). -#}
{% macro delete_then_insert_sql(arg_dict, predicate) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(
        arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where {{ predicate }};

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ arg_dict['temp_relation'] }}
{% endmacro %}
