{#- The log of what each day-grain incremental model's last run wrote
    (record_recomputed_days): one row with the last day it kept
    (recomputed_after; 1900-01-01 when it built the whole table) and one row
    per account it recomputed whole (account_id), in schema pipeline_log. The
    key tests of those models read it (written_by_last_run).
    docs/DEFINITIONS.md 6. -#}
{% macro recomputed_days_log(model_name) %}
    {{ return(api.Relation.create(
        database=target.get('database'),
        schema='pipeline_log',
        identifier=adapter.dispatch('recomputed_days_log_identifier')(model_name)
    )) }}
{% endmacro %}

{#- One table, recomputed_days, for every model: each model's pre-hook
    replaces its own rows in a transaction, so models running at once on
    several threads do not disturb each other. -#}
{% macro default__recomputed_days_log_identifier(model_name) %}
    {{ return('recomputed_days') }}
{% endmacro %}

{#- Spark: a table per model, recomputed_days__<model>. A plain Spark table
    takes no delete, so a shared log would be rewritten whole by each
    model's pre-hook: two models running at once on a target with several
    threads (a cluster's) would each drop the other's rows, or clash on the
    scratch table. A model's own table is rewritten by its pre-hook alone. -#}
{% macro spark__recomputed_days_log_identifier(model_name) %}
    {{ return('recomputed_days__' ~ model_name) }}
{% endmacro %}
