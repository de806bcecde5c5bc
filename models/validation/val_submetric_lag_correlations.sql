{#- One row per sub-metric and lag of seed validation_lags (unique: submetric,
    lag_days): the Pearson correlation between the sub-metric's score on the
    observation date and churning within lag_days after it, over every
    included observation where it had data (negative = a lower score comes
    before churn), with the churners at that lag. -#}
with submetric_rows as (
    select * from {{ ref('val_backtest_submetric_rows') }}
    where is_included
),

final as (
    select
        submetric_rows.submetric,
        lags.lag_days,
        count(*) as observations,
        count(
            case when submetric_rows.days_to_churn <= lags.lag_days then 1 end
        ) as churners,
        corr(
            submetric_rows.submetric_score,
            case
                when submetric_rows.days_to_churn <= lags.lag_days then 1.0
                else 0.0
            end
        ) as churn_correlation
    from submetric_rows
    cross join {{ ref('validation_lags') }} as lags
    group by submetric_rows.submetric, lags.lag_days
)

select * from final
