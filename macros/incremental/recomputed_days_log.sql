{#- The table pipeline_log.recomputed_days: for each day-grain incremental
    model, what its last run wrote (record_recomputed_days): one row with the
    last day it kept (recomputed_after; 1900-01-01 when it built the whole
    table) and one row per account it recomputed whole (account_id). The
    key tests of those models read it (written_by_last_run).
    docs/DEFINITIONS.md 6. -#}
{% macro recomputed_days_log() %}
    {{ return(api.Relation.create(
        database=target.get('database'),
        schema='pipeline_log',
        identifier='recomputed_days'
    )) }}
{% endmacro %}
