{#- One row per sub-metric (primary key submetric): how much churn signal it
    carries on its own over every included backtest observation where it had
    data: observations, churners, AUC of its score (lower = riskier), lift of
    its riskiest decile, the mean score of churners and of the others. Its
    correlation with churn at each lag is in
    val_submetric_lag_correlations, its drift in
    val_submetric_drift. -#}
with submetric_rows as (
    select
        included.*,
        {{ riskiest_first_decile(
            ['included.submetric'],
            'included.submetric_score',
            ['included.account_id', 'included.observation_date'],
            'validation.decile_count'
        ) }} as risk_decile
    from {{ ref('val_backtest_submetric_rows') }} as included
    cross join {{ ref('validation_settings') }} as validation
    where included.is_included
),

auc as (
    {{ roc_auc(
        '(select * from ' ~ ref('val_backtest_submetric_rows')
            ~ ' where is_included) as included',
        ['submetric'],
        'submetric_score',
        'churned_within_horizon'
    ) }}
),

summary as (
    select
        submetric,
        max(component) as component,
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
    from submetric_rows
    group by submetric
),

final as (
    select
        summary.submetric,
        summary.component,
        summary.observations,
        summary.churners,
        auc.auc,
        summary.top_decile_churn_rate
        / nullif(cast(summary.churners as double) / summary.observations, 0)
            as top_decile_lift,
        summary.mean_score_churners,
        summary.mean_score_others
    from summary
    left join auc
        on summary.submetric = auc.submetric
)

select * from final
