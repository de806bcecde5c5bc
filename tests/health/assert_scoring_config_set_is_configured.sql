{#- The var scoring_config_set names a config set the seeds configure for
    account scoring: enabled sub-metrics in scoring_submetrics and a weight set
    in scoring_segment_weight_sets for every segment the accounts have (and
    every segment account_daily configures). Otherwise the scores would come
    out empty, or without the accounts of a segment; this fails first, naming
    what is missing. Before the accounts are built (a run of the seeds alone)
    it checks the segments of account_daily only. -#}
{%- set config_set = var('scoring_config_set') -%}
{%- set accounts_model = ref('stg_crm__accounts') -%}
{%- set accounts = load_relation(accounts_model) if execute else none -%}
{%- set violations -%}
    with segments as (
        select distinct segment
        from {{ ref('scoring_segment_weight_sets') }}
        where config_set = 'account_daily'
        {%- if accounts is not none %}
        union
        select distinct segment
        from {{ accounts }}
        where segment is not null
        {%- endif %}
    ),

    assigned as (
        select segment
        from {{ ref('scoring_segment_weight_sets') }}
        where config_set = '{{ config_set }}'
    )

    select
        'var scoring_config_set={{ config_set }}: flat_export scores the one-file '
        || 'export, not the warehouse accounts' as violation
    where '{{ config_set }}' = 'flat_export'
    union all
    select
        'var scoring_config_set={{ config_set }}: no enabled sub-metric of this '
        || 'config set in scoring_submetrics' as violation
    where not exists (
        select 1 from {{ ref('scoring_submetrics') }}
        where config_set = '{{ config_set }}' and is_enabled
    )
    union all
    select
        'var scoring_config_set={{ config_set }}: segment ' || segments.segment
        || ' has no weight set in scoring_segment_weight_sets' as violation
    from segments
    where segments.segment not in (select assigned.segment from assigned)
{%- endset -%}
{{ report_seed_violations(violations) }}
