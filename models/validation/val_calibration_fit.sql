{#- One row per calibration fit, a single row (primary key fit_observations):
    the Platt scaling of the health score, P(churn within the horizon) = 1 /
    (1 + exp(-(intercept + slope x score))), fitted by maximum likelihood on
    the included observations of the fit period (macro platt_fit: Newton's
    method in SQL, var calibration_newton_steps steps). last_step_size shows
    convergence; a fit set without both outcomes gives nulls. -#}
with fit as (
    {{ platt_fit(
        '(select *, ' ~ "'health_score'" ~ ' as scored from '
            ~ ref('val_backtest_observations')
            ~ " where is_included and backtest_period = 'fit') as fit_rows",
        'scored',
        'health_score',
        'churned_within_horizon',
        var('calibration_newton_steps') | int
    ) }}
),

final as (
    select
        fit_observations,
        fit_churners,
        intercept,
        slope,
        {{ var('calibration_newton_steps') }} as newton_steps,
        last_step_size
    from fit
)

select * from final
