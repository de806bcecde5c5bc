{#- One row per backtest period and at-risk threshold (unique:
    backtest_period, threshold; thresholds every
    validation_settings.threshold_step points up to 100, and the KPIs'
    kpi_settings.at_risk_below_score): what flagging every
    included observation scoring below the threshold would do - flagged,
    flagged churners, precision, recall (churners flagged / churners: the
    churn prediction accuracy), the false-positive rate as defined for the
    targets (flagged non-churners / flagged) and the share of non-churners
    flagged (the ROC false-positive rate). -#}
with observations as (
    select * from {{ ref('val_backtest_observations') }}
    where is_included
),

settings as (
    select * from {{ ref('validation_settings') }}
),

thresholds as (
    select numbers.n * settings.threshold_step as threshold
    from ({{ number_series(10000) }}) as numbers
    cross join settings
    where numbers.n * settings.threshold_step <= 100
    union
    select at_risk_below_score as threshold
    from {{ ref('kpi_settings') }}
),

counts as (
    select
        observations.backtest_period,
        thresholds.threshold,
        count(*) as observations,
        count(case when observations.churned_within_horizon then 1 end)
            as churners,
        count(
            case
                when observations.health_score < thresholds.threshold then 1
            end
        ) as flagged,
        count(
            case
                when
                    observations.health_score < thresholds.threshold
                    and observations.churned_within_horizon
                    then 1
            end
        ) as flagged_churners
    from observations
    cross join thresholds
    group by observations.backtest_period, thresholds.threshold
),

final as (
    select
        backtest_period,
        threshold,
        observations,
        churners,
        flagged,
        flagged_churners,
        cast(flagged_churners as double) / nullif(flagged, 0)
            as precision_at_threshold,
        cast(flagged_churners as double) / nullif(churners, 0)
            as recall_at_threshold,
        cast(flagged - flagged_churners as double) / nullif(flagged, 0)
            as false_positive_rate,
        cast(flagged - flagged_churners as double)
        / nullif(observations - churners, 0) as non_churners_flagged_rate
    from counts
)

select * from final
