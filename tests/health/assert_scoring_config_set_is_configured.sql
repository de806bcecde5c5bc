{#- The var scoring_config_set names a config set the seeds configure for
    account scoring: enabled sub-metrics in scoring_submetrics and a weight set
    for every segment in scoring_segment_weight_sets. Otherwise every score
    would come out empty; this fails first, naming what is missing. -#}
{%- set config_set = var('scoring_config_set') -%}
{%- set violations -%}
    with segments as (
        select distinct segment
        from {{ ref('scoring_segment_weight_sets') }}
        where config_set = 'account_daily'
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
