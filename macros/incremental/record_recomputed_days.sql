{#- pre_hook of each day-grain incremental model (replace_days): before the
    model runs, replaces its rows of recomputed_days_log with what this run
    writes. An incremental run writes the days after recomputed_after_sql's
    day and every day of the restarted accounts (restarted_accounts_sql), the
    rows recomputed_days keeps; a full build or a first run writes every
    day (1900-01-01). Read before the model changes its table, like the
    strategy's delete. docs/DEFINITIONS.md 6. -#}
{% macro record_recomputed_days() %}
    {%- set log = recomputed_days_log() %}
    {%- set model_name = text_literal(this.identifier) %}
    delete from {{ log }} where model_name = {{ model_name }};
    insert into {{ log }} (model_name, recomputed_after, account_id)
    {%- if is_incremental() %}
    select {{ model_name }}, ({{ recomputed_after_sql() }}), null
    union all
    select {{ model_name }}, null, restarted.account_id
    from ({{ restarted_accounts_sql() }}) as restarted
    {%- else %}
    select {{ model_name }}, cast('1900-01-01' as date), null
    {%- endif %}
{% endmacro %}
