{#- One row per weight set under review and included backtest observation
    (unique: weight_set, observation_date, account_id): the score the set
    gives that day, from the component scores as they stood then, missing
    components' weight re-spread as in the composite. 'current' is the score
    the project computed (each segment's weight set); 'proposed' uses
    val_proposed_weights; every candidate in the weight_candidates folder
    follows. -#}
with observations as (
    select * from {{ ref('val_backtest_observations') }}
    where is_included
),

weight_sets as (
    select * from {{ ref('val_weight_sets_under_review') }}
),

component_scores as (
    {%- for component in score_components() %}
    select
        observation_date,
        account_id,
        '{{ component }}' as component,
        {{ component }}_score as component_score
    from observations
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

rescored as (
    select
        weight_sets.weight_set,
        component_scores.observation_date,
        component_scores.account_id,
        sum(weight_sets.weight * component_scores.component_score)
        / nullif(
            sum(
                case
                    when component_scores.component_score is not null
                        then weight_sets.weight
                end
            ),
            0
        ) as health_score
    from component_scores
    inner join weight_sets
        on component_scores.component = weight_sets.component
    group by
        weight_sets.weight_set,
        component_scores.observation_date,
        component_scores.account_id
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
