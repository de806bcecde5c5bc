{#- One row per weight set under review and included backtest observation
    (unique: weight_set, observation_date, account_id): the score the set
    gives that day, from the sub-metric scores as they stood then, through
    the same two-level composite as the project's score (a component is the
    weighted mean of its sub-metrics with a score, weighted by the sum of its
    sub-metrics' weights; missing data re-spread). 'current' is the score the
    project computed (each segment's weight set); the other sets come from
    val_weight_sets_under_review. -#}
with observations as (
    select * from {{ ref('val_backtest_observations') }}
    where is_included
),

weights as (
    select
        weight_set,
        submetric,
        component,
        weight,
        sum(weight) over (partition by weight_set, component)
            as component_weight
    from {{ ref('val_weight_sets_under_review') }}
),

weighted_rows as (
    select
        weights.weight_set,
        submetric_rows.observation_date,
        submetric_rows.account_id,
        weights.component,
        submetric_rows.submetric_score,
        weights.weight as submetric_weight,
        weights.component_weight
    from {{ ref('val_backtest_submetric_rows') }} as submetric_rows
    inner join weights
        on submetric_rows.submetric = weights.submetric
    where submetric_rows.is_included
),

rescored as (
    {{ health_composite(
        'weighted_rows',
        ['weight_set', 'observation_date', 'account_id'],
        score_components()
    ) }}
),

all_sets as (
    select
        'current' as weight_set,
        observation_date,
        account_id,
        health_score
    from observations
    union all
    select
        weight_set,
        observation_date,
        account_id,
        health_score
    from rescored
    where health_score is not null
),

final as (
    select
        all_sets.weight_set,
        all_sets.observation_date,
        all_sets.account_id,
        observations.segment,
        observations.backtest_period,
        all_sets.health_score,
        observations.churned_within_horizon
    from all_sets
    inner join observations
        on
            all_sets.observation_date = observations.observation_date
            and all_sets.account_id = observations.account_id
)

select * from final
