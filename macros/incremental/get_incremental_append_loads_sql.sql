{#- Incremental strategy append_loads for a staged table stored by load
    (base_product__tracks; docs/DEFINITIONS.md 6): delete the stored rows
    without a load time, which the model read again (loaded_since_watermark),
    and insert the rows of this run: those and the rows loaded after the
    watermark. Stored rows with a load time are never rewritten. Used as
    incremental_strategy='append_loads'. -#}
{% macro get_incremental_append_loads_sql(arg_dict) %}
    {{- delete_then_insert_sql(arg_dict, '_loaded_at is null') -}}
{% endmacro %}
