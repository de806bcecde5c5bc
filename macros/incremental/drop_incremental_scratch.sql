{#- The scratch table through which an incremental run rewrites a model's
    kept rows on an engine whose tables take no delete (Spark):
    <model>__dbt_kept, next to the model. -#}
{% macro incremental_scratch_relation(target) %}
    {{- return(target.incorporate(
        path={'identifier': target.identifier ~ '__dbt_kept'})) }}
{% endmacro %}

{#- Post-hook of every model (dbt_project.yml): drops the model's scratch table
    once its incremental run has written it back, so no copy of the model's
    rows outlives the run. Empty on DuckDB, whose strategies delete in place,
    and for models that are not incremental (dbt runs no empty hook). -#}
{% macro drop_incremental_scratch() %}
    {{- return(adapter.dispatch('drop_incremental_scratch')()) }}
{% endmacro %}

{% macro default__drop_incremental_scratch() %}
    {{- return('') }}
{% endmacro %}

{% macro spark__drop_incremental_scratch() %}
    {%- if config.get('materialized') != 'incremental' %}
        {{- return('') }}
    {%- endif %}
    {{- return('drop table if exists ' ~ incremental_scratch_relation(this)) }}
{% endmacro %}
