{#- One row per validation cut, backtest period and measure (unique:
    dimension, dimension_value, backtest_period, metric): how well the score
    predicted churn within the horizon, with the target of seed
    validation_targets beside it and whether it is met (null where there is
    no target). The evaluation period is the out-of-sample test: the
    calibration, the at-risk threshold (at_risk_threshold; the threshold
    measures use it), the metric groups, the fitted weights and the fitted
    normalisation's reference all come from earlier data. calibration_error
    is the mean absolute gap between predicted and actual churn rate over
    score bands, weighted by observations. -#}
with cut_rows as (
    select * from {{ ref('val_backtest_cut_rows') }}
),

counts as (
    select
        dimension,
        dimension_value,
        backtest_period,
        count(*) as observations,
        count(case when churned_within_horizon then 1 end) as churners,
        count(case when is_flagged_at_risk then 1 end) as flagged,
        count(
            case when is_flagged_at_risk and churned_within_horizon then 1 end
        ) as flagged_churners,
        count(
            case
                when is_surprise_if_churned and churned_within_horizon then 1
            end
        ) as surprise_churners,
        count(
            case when risk_decile = 1 and churned_within_horizon then 1 end
        ) as top_decile_churners,
        count(case when risk_decile = 1 then 1 end) as top_decile_observations,
        corr(
            health_score,
            case when churned_within_horizon then 1.0 else 0.0 end
        ) as pearson_correlation
    from cut_rows
    group by dimension, dimension_value, backtest_period
),

auc as (
    {{ roc_auc(
        ref('val_backtest_cut_rows'),
        ['dimension', 'dimension_value', 'backtest_period'],
        'health_score',
        'churned_within_horizon'
    ) }}
),

brier as (
    select
        dimension,
        dimension_value,
        backtest_period,
        avg(
            power(
                predicted_churn_probability
                - case when churned_within_horizon then 1.0 else 0.0 end,
                2
            )
        ) as brier_score
    from cut_rows
    group by dimension, dimension_value, backtest_period
),

calibration as (
    select
        dimension,
        dimension_value,
        backtest_period,
        sum(observations * abs(calibration_gap)) / sum(observations)
            as calibration_error
    from {{ ref('val_calibration_by_band') }}
    group by dimension, dimension_value, backtest_period
),

wide as (
    select
        counts.dimension,
        counts.dimension_value,
        counts.backtest_period,
        counts.observations,
        counts.churners,
        cast(counts.churners as double) / counts.observations as churn_rate,
        auc.auc,
        (
            cast(counts.top_decile_churners as double)
            / nullif(counts.top_decile_observations, 0)
        )
        / nullif(cast(counts.churners as double) / counts.observations, 0)
            as top_decile_lift,
        cast(counts.flagged_churners as double) / nullif(counts.flagged, 0)
            as precision_at_risk,
        cast(counts.flagged_churners as double) / nullif(counts.churners, 0)
            as churn_prediction_accuracy,
        2.0 * counts.flagged_churners
        / nullif(counts.flagged + counts.churners, 0) as f1_at_risk,
        cast(counts.flagged - counts.flagged_churners as double)
        / nullif(counts.flagged, 0) as false_positive_rate,
        cast(counts.surprise_churners as double) / nullif(counts.churners, 0)
            as surprise_churn_rate,
        counts.pearson_correlation,
        brier.brier_score,
        calibration.calibration_error,
        threshold.at_risk_threshold
    from counts
    cross join {{ ref('val_at_risk_threshold') }} as threshold
    left join auc
        on
            counts.dimension = auc.dimension
            and counts.dimension_value = auc.dimension_value
            and counts.backtest_period = auc.backtest_period
    left join brier
        on
            counts.dimension = brier.dimension
            and counts.dimension_value = brier.dimension_value
            and counts.backtest_period = brier.backtest_period
    left join calibration
        on
            counts.dimension = calibration.dimension
            and counts.dimension_value = calibration.dimension_value
            and counts.backtest_period = calibration.backtest_period
),

long as (
    {%- for metric in validation_metrics() %}
    select
        dimension,
        dimension_value,
        backtest_period,
        observations,
        churners,
        '{{ metric }}' as metric,
        cast({{ metric }} as double) as metric_value
    from wide
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        long.dimension,
        long.dimension_value,
        long.backtest_period,
        long.metric,
        long.metric_value,
        targets.comparison,
        targets.target,
        case
            when targets.metric is null or long.metric_value is null then null
            when targets.comparison = 'above'
                then long.metric_value > targets.target
            else long.metric_value < targets.target
        end as meets_target,
        targets.source as target_source,
        long.observations,
        long.churners
    from long
    left join {{ ref('validation_targets') }} as targets
        on long.metric = targets.metric
)

select * from final
