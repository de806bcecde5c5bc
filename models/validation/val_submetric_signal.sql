{#- One row per sub-metric and backtest period (unique: submetric,
    backtest_period): how much churn signal it carries on its own over the
    included observations where it had a score - observations, churners, the
    AUC of its score (lower = riskier) and the lift of its riskiest decile,
    the mean score of churners and of the others - and whether its raw value
    points the way the metric catalogue says: raw_value_auc is the AUC of the
    raw value read in its declared direction, and the verdict is disagrees
    (below 0.5 minus validation_settings.direction_auc_margin), no_signal
    (within the margin) or agrees. Read the fit period's verdict before
    adopting a metric; its lag correlations are in
    val_submetric_lag_correlations, its drift in val_submetric_drift. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

submetric_rows as (
    select
        included.*,
        case
            when catalogue.direction = 'lower_is_better' then included.raw_value
            else -included.raw_value
        end as raw_risk,
        catalogue.direction
    from {{ ref('val_backtest_submetric_rows') }} as included
    left join {{ ref('metric_catalogue') }} as catalogue
        on included.submetric = catalogue.metric
    where included.is_included
),

ranked as (
    select
        submetric_rows.*,
        {{ riskiest_first_decile(
            ['submetric_rows.submetric', 'submetric_rows.backtest_period'],
            'submetric_rows.submetric_score',
            ['submetric_rows.account_id', 'submetric_rows.observation_date'],
            'settings.decile_count'
        ) }} as risk_decile
    from submetric_rows
    cross join settings
),

auc as (
    {{ roc_auc(
        'submetric_rows',
        ['submetric', 'backtest_period'],
        'submetric_score',
        'churned_within_horizon'
    ) }}
),

raw_auc as (
    {{ roc_auc(
        'submetric_rows',
        ['submetric', 'backtest_period'],
        'raw_risk',
        'churned_within_horizon',
        lower_is_riskier=false
    ) }}
),

summary as (
    select
        submetric,
        backtest_period,
        max(component) as component,
        max(direction) as direction,
        count(*) as observations,
        count(case when churned_within_horizon then 1 end) as churners,
        avg(case when churned_within_horizon then submetric_score end)
            as mean_score_churners,
        avg(case when not churned_within_horizon then submetric_score end)
            as mean_score_others,
        cast(
            count(
                case when risk_decile = 1 and churned_within_horizon then 1 end
            ) as double
        )
        / nullif(count(case when risk_decile = 1 then 1 end), 0)
            as top_decile_churn_rate
    from ranked
    group by submetric, backtest_period
),

final as (
    select
        summary.submetric,
        summary.backtest_period,
        summary.component,
        summary.observations,
        summary.churners,
        auc.auc,
        summary.top_decile_churn_rate
        / nullif(cast(summary.churners as double) / summary.observations, 0)
            as top_decile_lift,
        summary.mean_score_churners,
        summary.mean_score_others,
        summary.direction,
        raw_auc.auc as raw_value_auc,
        case
            when raw_auc.auc is null then null
            when raw_auc.auc < 0.5 - settings.direction_auc_margin
                then 'disagrees'
            when raw_auc.auc <= 0.5 + settings.direction_auc_margin
                then 'no_signal'
            else 'agrees'
        end as direction_verdict
    from summary
    cross join settings
    left join auc
        on
            summary.submetric = auc.submetric
            and summary.backtest_period = auc.backtest_period
    left join raw_auc
        on
            summary.submetric = raw_auc.submetric
            and summary.backtest_period = raw_auc.backtest_period
)

select * from final
