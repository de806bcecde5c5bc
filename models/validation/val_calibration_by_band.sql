{#- One row per validation cut, backtest period and score band (unique:
    dimension, dimension_value, backtest_period, score_band_lower):
    observations, churners, the mean predicted churn probability of the
    Platt fit (fitted on the fit dates: in-sample there, out-of-sample on the
    evaluation dates), the actual churn rate and the gap (actual -
    predicted). -#}
with cut_rows as (
    select * from {{ ref('val_backtest_cut_rows') }}
),

settings as (
    select score_band_width from {{ ref('validation_settings') }}
),

final as (
    select
        cut_rows.dimension,
        cut_rows.dimension_value,
        cut_rows.backtest_period,
        cut_rows.score_band_lower,
        cut_rows.score_band_lower + settings.score_band_width
            as score_band_upper,
        count(*) as observations,
        count(case when cut_rows.churned_within_horizon then 1 end)
            as churners,
        avg(cut_rows.predicted_churn_probability)
            as predicted_churn_rate,
        avg(cast(
            case when cut_rows.churned_within_horizon then 1 else 0 end
            as double
        ))
            as actual_churn_rate,
        avg(cast(
            case when cut_rows.churned_within_horizon then 1 else 0 end
            as double
        ))
        - avg(cut_rows.predicted_churn_probability) as calibration_gap
    from cut_rows
    cross join settings
    group by
        cut_rows.dimension,
        cut_rows.dimension_value,
        cut_rows.backtest_period,
        cut_rows.score_band_lower,
        settings.score_band_width
)

select * from final
