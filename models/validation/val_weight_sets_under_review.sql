{{ config(materialized='view') }}

{#- One row per weight set under review besides the current one and
    sub-metric of the scoring config set (unique: weight_set, submetric): its
    component and effective weight (a set's weights sum to 1). equal: every
    enabled sub-metric alike; groups: every correlation group alike
    (val_metric_groups); proposed: fitted on the fit dates
    (val_proposed_weights); each candidate file of the weight_candidates
    folder: its component weights times the config set's sub-metric weights
    inside each component. val_weight_set_scores scores them all. -#}
with submetrics as (
    select
        submetric,
        component,
        weight
    from {{ ref('scoring_submetrics') }}
    where config_set = '{{ var("scoring_config_set") }}' and is_enabled
),

equal_weights as (
    select
        'equal' as weight_set,
        submetric,
        component,
        1.0 / count(*) over () as weight
    from submetrics
),

candidates as (
    select
        candidates.weight_set,
        submetrics.submetric,
        submetrics.component,
        candidates.weight * submetrics.weight as weight
    from {{ ref('stg_weight_candidates__weight_sets') }} as candidates
    inner join submetrics
        on candidates.component = submetrics.component
),

final as (
    select * from equal_weights
    union all
    select
        weight_set,
        submetric,
        component,
        effective_weight as weight
    from {{ ref('val_metric_groups') }}
    union all
    select
        weight_set,
        submetric,
        component,
        effective_weight as weight
    from {{ ref('val_proposed_weights') }}
    union all
    select * from candidates
)

select * from final
