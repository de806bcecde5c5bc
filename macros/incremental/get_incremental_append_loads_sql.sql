{#- Incremental strategy append_loads for a staged table stored by load
    (base_product__tracks; docs/DEFINITIONS.md 6): delete the stored rows
    without a load time, which the model read again (loaded_since_watermark),
    and insert the rows of this run: those and the rows loaded after the
    watermark. Stored rows with a load time are never rewritten. Used as
    incremental_strategy='append_loads'. -#}
{% macro get_incremental_append_loads_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(
        arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where _loaded_at is null;

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ arg_dict['temp_relation'] }}
{% endmacro %}
