{#- One row per recall target, a single row (primary key recall_target): the
    at-risk threshold the data
    supports - the lowest threshold of val_threshold_curve that flags at least
    the recall target of validation_targets (churn_prediction_accuracy) of
    the churners on the fit dates - with its precision, recall and
    false-positive rates on the fit dates and on the later evaluation dates;
    and the same measures for the threshold the KPIs use today
    (kpi_settings.at_risk_below_score) on the evaluation dates. -#}
with curve as (
    select * from {{ ref('val_threshold_curve') }}
),

target as (
    select target as recall_target
    from {{ ref('validation_targets') }}
    where metric = 'churn_prediction_accuracy'
),

chosen as (
    select
        target.recall_target,
        min(curve.threshold) as at_risk_threshold
    from curve
    cross join target
    where
        curve.backtest_period = 'fit'
        and curve.recall_at_threshold >= target.recall_target
    group by target.recall_target
),

kpi as (
    select at_risk_below_score from {{ ref('kpi_settings') }}
),

final as (
    select
        target.recall_target,
        chosen.at_risk_threshold,
        fit.flagged as fit_flagged,
        fit.precision_at_threshold as fit_precision,
        fit.recall_at_threshold as fit_recall,
        evaluation.observations as evaluation_observations,
        evaluation.churners as evaluation_churners,
        evaluation.flagged as evaluation_flagged,
        evaluation.precision_at_threshold as evaluation_precision,
        evaluation.recall_at_threshold as evaluation_recall,
        evaluation.false_positive_rate as evaluation_false_positive_rate,
        evaluation.non_churners_flagged_rate
            as evaluation_non_churners_flagged_rate,
        evaluation.recall_at_threshold >= target.recall_target
            as meets_recall_target,
        kpi.at_risk_below_score as kpi_at_risk_below_score,
        kpi_curve.recall_at_threshold as kpi_evaluation_recall,
        kpi_curve.precision_at_threshold as kpi_evaluation_precision
    from target
    left join chosen
        on target.recall_target = chosen.recall_target
    left join curve as fit
        on
            chosen.at_risk_threshold = fit.threshold
            and fit.backtest_period = 'fit'
    left join curve as evaluation
        on
            chosen.at_risk_threshold = evaluation.threshold
            and evaluation.backtest_period = 'evaluation'
    cross join kpi
    left join curve as kpi_curve
        on
            kpi.at_risk_below_score = kpi_curve.threshold
            and kpi_curve.backtest_period = 'evaluation'
)

select * from final
