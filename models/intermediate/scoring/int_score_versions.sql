{#- One row per config set (primary key config_set): the score version, a hash
    of every scoring seed row in force for it, so a score row says which weights,
    targets and bands produced it. Any edit to those seeds gives a new version. -#}
with submetrics as (
    select
        config_set,
        submetric || '|' || component || '|' || cast(weight as varchar) || '|'
        || method || '|' || coalesce(cast(target as varchar), '') || '|'
        || coalesce(cast(range_min as varchar), '') || '|'
        || coalesce(cast(range_max as varchar), '') || '|'
        || coalesce(cast(trend_factor as varchar), '') || '|'
        || cast(is_enabled as varchar) as config_row
    from {{ ref('scoring_submetrics') }}
),

bands as (
    select
        config_set,
        'band|' || submetric || '|'
        || coalesce(cast(lower_bound as varchar), '') || '|'
        || coalesce(cast(upper_bound as varchar), '') || '|'
        || cast(points as varchar) as config_row
    from {{ ref('scoring_bands') }}
),

weights as (
    select
        assigned.config_set,
        'weight|' || assigned.segment || '|' || assigned.weight_set || '|'
        || weight_sets.component || '|'
        || cast(weight_sets.weight as varchar) as config_row
    from {{ ref('scoring_segment_weight_sets') }} as assigned
    inner join {{ ref('scoring_weight_sets') }} as weight_sets
        on assigned.weight_set = weight_sets.weight_set
),

shared as (
    select
        'tier|' || tier || '|' || cast(min_score as varchar) || '|'
        || coalesce(cast(max_score as varchar), '') as config_row
    from {{ ref('health_tiers') }}
),

config_sets as (
    select distinct config_set from submetrics
),

config_rows as (
    select * from submetrics
    union all
    select * from bands
    union all
    select * from weights
    union all
    select
        config_sets.config_set,
        shared.config_row
    from shared
    cross join config_sets
),

final as (
    select
        config_set,
        'v-' || substr(
            {{ dbt.hash(
                dbt.listagg('config_row', "'\\n'", 'order by config_row')
            ) }},
            1, 12
        ) as score_version,
        count(*) as config_rows
    from config_rows
    group by config_set
)

select * from final
