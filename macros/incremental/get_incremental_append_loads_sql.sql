{#- Incremental strategy append_loads for a table stored by load
    (base_product__tracks, int_product_tracks_quarantined; docs/DEFINITIONS.md
    6): delete the stored rows without a load time, which the model read again
    (loaded_since_watermark), and the stored rows that the predicate in the
    model's meta `rewritten_each_run` names, which the model writes again on
    every run; then insert the rows of this run: those and the rows loaded
    after the watermark. Other stored rows are never rewritten. Used as
    incremental_strategy='append_loads'. -#}
{% macro get_incremental_append_loads_sql(arg_dict) %}
    {%- set rewritten = (config.get('meta') or {}).get('rewritten_each_run') -%}
    {%- set predicate = '_loaded_at is null' ~ (
        ' or (' ~ rewritten ~ ')' if rewritten else '') -%}
    {{- delete_then_insert_sql(arg_dict, predicate) -}}
{% endmacro %}
