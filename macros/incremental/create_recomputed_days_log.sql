{#- on-run-start: creates the schema of the log of what each incremental
    model's last run wrote (recomputed_days_log) and, on DuckDB, its one
    table, when they do not exist yet; on Spark each model's pre-hook
    creates its own table (recomputed_days_log_table). Nothing under dbt
    compile and dbt docs generate, which build nothing. One statement per
    call: Spark runs a hook as a single statement. -#}
{% macro create_recomputed_days_log() %}
    {% if flags.WHICH in ('compile', 'generate') %}{{ return('select 1') }}{% endif %}
    {%- if execute %}
        {%- do run_query('create schema if not exists '
            ~ recomputed_days_log(none).without_identifier()) %}
    {%- endif %}
    {{ return(adapter.dispatch('create_recomputed_days_log')()) }}
{% endmacro %}

{% macro default__create_recomputed_days_log() %}
    {{ return(recomputed_days_log_table(recomputed_days_log(none))) }}
{% endmacro %}

{% macro spark__create_recomputed_days_log() %}
    {{ return('select 1') }}
{% endmacro %}

{#- The statement creating a recomputed-days log table when it is missing. -#}
{% macro recomputed_days_log_table(log) %}
    {{ return('create table if not exists ' ~ log ~ ' (model_name '
        ~ dbt.type_string() ~ ', recomputed_after date, account_id '
        ~ dbt.type_string() ~ ')') }}
{% endmacro %}
