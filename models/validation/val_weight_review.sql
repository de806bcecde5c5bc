{#- One row per weight set under review and backtest period (unique:
    weight_set, backtest_period; fit = the dates the groups, the proposed
    weights and the calibrations were fitted on, evaluation = the later
    dates): the component weights (the sum of the set's sub-metric weights),
    and how the set's score predicts churn within the horizon - AUC,
    top-decile lift, and on the evaluation period the Brier score and
    calibration error of its own Platt scaling fitted on the fit period. The
    'current' row's weights are those of the weight set the scored config set
    assigns to every segment (null when segments use different sets).
    Compare sets on the evaluation rows: current, equal, groups, proposed and
    every candidate file. -#}
with scores as (
    select * from {{ ref('val_weight_set_scores') }}
),

settings as (
    select * from {{ ref('validation_settings') }}
),

current_weight_sets as (
    select distinct weight_set
    from {{ ref('scoring_segment_weight_sets') }}
    where config_set = '{{ var("scoring_config_set") }}'
),

weights as (
    select
        weight_set,
        component,
        sum(weight) as weight
    from {{ ref('val_weight_sets_under_review') }}
    group by weight_set, component
    union all
    select
        'current' as weight_set,
        component,
        weight
    from {{ ref('scoring_weight_sets') }}
    where weight_set in (
        select max(current_weight_sets.weight_set) from current_weight_sets
        having count(*) = 1
    )
),

weight_columns as (
    select
        weight_set,
    {%- for component in score_components() %}
    max(case when component = '{{ component }}' then weight end)
        as {{ component }}_weight
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
    from weights
    group by weight_set
),

auc as (
    {{ roc_auc(
        ref('val_weight_set_scores'),
        ['weight_set', 'backtest_period'],
        'health_score',
        'churned_within_horizon'
    ) }}
),

deciles as (
    select
        scores.weight_set,
        scores.backtest_period,
        scores.churned_within_horizon,
        {{ riskiest_first_decile(
            ['scores.weight_set', 'scores.backtest_period'],
            'scores.health_score',
            ['scores.account_id', 'scores.observation_date'],
            'settings.decile_count'
        ) }} as risk_decile
    from scores
    cross join settings
    where scores.health_score is not null
),

lift as (
    select
        weight_set,
        backtest_period,
        count(*) as observations,
        count(case when churned_within_horizon then 1 end) as churners,
        (
            cast(
                count(
                    case
                        when risk_decile = 1 and churned_within_horizon then 1
                    end
                ) as double
            )
            / nullif(count(case when risk_decile = 1 then 1 end), 0)
        )
        / nullif(
            cast(count(case when churned_within_horizon then 1 end) as double)
            / count(*),
            0
        ) as top_decile_lift
    from deciles
    group by weight_set, backtest_period
),

platt as (
    {{ platt_fit(
        '(select * from ' ~ ref('val_weight_set_scores')
            ~ " where backtest_period = 'fit') as fit_rows",
        'weight_set',
        'health_score',
        'churned_within_horizon',
        var('calibration_newton_steps') | int
    ) }}
),

predicted as (
    select
        scores.weight_set,
        scores.churned_within_horizon,
        least(
            floor(scores.health_score / settings.score_band_width),
            ceil(100 / settings.score_band_width) - 1
        ) as score_band,
        1 / (1 + exp(-(platt.intercept + platt.slope * scores.health_score)))
            as p
    from scores
    inner join platt
        on scores.weight_set = platt.weight_set
    cross join settings
    where scores.backtest_period = 'evaluation'
),

bands as (
    select
        weight_set,
        score_band,
        count(*) as observations,
        avg(cast(
            case when churned_within_horizon then 1 else 0 end as double
        ))
        - avg(p) as gap
    from predicted
    group by weight_set, score_band
),

band_error as (
    select
        weight_set,
        sum(observations * abs(gap)) / sum(observations) as calibration_error
    from bands
    group by weight_set
),

brier as (
    select
        weight_set,
        avg(
            power(
                p - case when churned_within_horizon then 1.0 else 0.0 end, 2
            )
        ) as brier_score
    from predicted
    group by weight_set
),

calibration as (
    select
        brier.weight_set,
        'evaluation' as backtest_period,
        brier.brier_score,
        band_error.calibration_error
    from brier
    inner join band_error
        on brier.weight_set = band_error.weight_set
),

final as (
    select
        lift.weight_set,
        lift.backtest_period,
        {%- for component in score_components() %}
        weight_columns.{{ component }}_weight,
        {%- endfor %}
        lift.observations,
        lift.churners,
        auc.auc,
        lift.top_decile_lift,
        calibration.brier_score,
        calibration.calibration_error
    from lift
    inner join weight_columns
        on lift.weight_set = weight_columns.weight_set
    left join auc
        on
            lift.weight_set = auc.weight_set
            and lift.backtest_period = auc.backtest_period
    left join calibration
        on
            lift.weight_set = calibration.weight_set
            and lift.backtest_period = calibration.backtest_period
)

select * from final
