{#- on-run-start: creates the log of what each incremental model's last run
    wrote (recomputed_days_log) when it does not exist yet. Nothing under
    dbt compile and dbt docs generate, which build nothing. One statement per
    call: Spark runs a hook as a single statement. -#}
{% macro create_recomputed_days_log() %}
    {% if flags.WHICH in ('compile', 'generate') %}{{ return('select 1') }}{% endif %}
    {%- set log = recomputed_days_log() %}
    {%- if execute %}
        {%- do run_query('create schema if not exists ' ~ log.without_identifier()) %}
    {%- endif %}
    create table if not exists {{ log }} (
        model_name {{ dbt.type_string() }},
        recomputed_after date,
        account_id {{ dbt.type_string() }}
    )
{% endmacro %}
