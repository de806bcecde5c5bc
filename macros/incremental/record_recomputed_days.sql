{#- pre_hook of each day-grain incremental model (replace_days): before the
    model runs, replaces its rows of recomputed_days_log with what this run
    writes. An incremental run writes the days after recomputed_after_sql's
    day (a row without account) and the days of the restarted accounts
    (restarted_accounts_sql) after restarted_after_sql's day (a row per
    account), the rows recomputed_days keeps; a full build or a first run
    writes every day (1900-01-01). Read before the model changes its table,
    like the strategy's delete. docs/DEFINITIONS.md 6. -#}
{% macro record_recomputed_days() %}
    {{ return(adapter.dispatch('record_recomputed_days')()) }}
{% endmacro %}

{% macro default__record_recomputed_days() %}
    {%- set log = recomputed_days_log(this.identifier) %}
    delete from {{ log }} where model_name = {{ text_literal(this.identifier) }};
    insert into {{ log }} (model_name, recomputed_after, account_id)
    {{ recomputed_days_rows() }}
{% endmacro %}

{#- Spark: the model's own log table (spark__recomputed_days_log), created
    when missing and overwritten with the new rows. -#}
{% macro spark__record_recomputed_days() %}
    {%- set log = recomputed_days_log(this.identifier) %}
    {%- if execute %}
        {%- do run_query(recomputed_days_log_table(log)) %}
    {%- endif %}
    insert overwrite table {{ log }}
    {{ recomputed_days_rows() }}
{% endmacro %}

{#- The log rows of the model being built (model_name, recomputed_after,
    account_id), as a select. -#}
{% macro recomputed_days_rows() %}
    {%- set model_name = text_literal(this.identifier) %}
    {%- if is_incremental() %}
    select {{ model_name }}, ({{ recomputed_after_sql() }}), null
    union all
    select {{ model_name }}, ({{ restarted_after_sql() }}), restarted.account_id
    from ({{ restarted_accounts_sql() }}) as restarted
    {%- else %}
    select {{ model_name }}, cast('1900-01-01' as date), null
    {%- endif %}
{% endmacro %}
