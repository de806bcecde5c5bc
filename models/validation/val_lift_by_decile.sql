{#- One row per validation cut, backtest period and risk decile (unique:
    dimension, dimension_value, backtest_period, risk_decile; decile 1 = the
    lowest scores): observations,
    churners, churn rate, lift (churn rate / the cut's churn rate), the score
    range, and the cumulative share of the cut's churners caught from decile 1
    down to this one. -#}
with cut_rows as (
    select * from {{ ref('val_backtest_cut_rows') }}
),

deciles as (
    select
        dimension,
        dimension_value,
        backtest_period,
        risk_decile,
        count(*) as observations,
        count(case when churned_within_horizon then 1 end) as churners,
        min(health_score) as min_health_score,
        max(health_score) as max_health_score
    from cut_rows
    group by dimension, dimension_value, backtest_period, risk_decile
),

final as (
    select
        dimension,
        dimension_value,
        backtest_period,
        risk_decile,
        observations,
        churners,
        cast(churners as double) / observations as churn_rate,
        (cast(churners as double) / observations)
        / nullif(
            cast(
                sum(churners) over (
                    partition by dimension, dimension_value, backtest_period
                ) as double
            )
            / sum(observations) over (
                partition by dimension, dimension_value, backtest_period
            ),
            0
        ) as lift,
        min_health_score,
        max_health_score,
        cast(sum(churners) over (
            partition by dimension, dimension_value, backtest_period
            order by risk_decile
            rows between unbounded preceding and current row
        ) as double)
        / nullif(
            sum(churners) over (
                partition by dimension, dimension_value, backtest_period
            ),
            0
        ) as cumulative_churner_share
    from deciles
)

select * from final
