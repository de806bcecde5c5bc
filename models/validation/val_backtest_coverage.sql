{#- One row per observation date (primary key observation_date): accounts
    paying that day, scored, excluded because their horizon is not yet over
    or because nothing could be scored, included, and among the included the
    churners, the accounts still warming up (windows not full) and those whose
    renewal falls in the horizon, so the backtest set's counts reconcile. -#}
with observations as (
    select * from {{ ref('val_backtest_observations') }}
),

final as (
    select
        observation_date,
        max(backtest_period) as backtest_period,
        count(*) as paying_accounts,
        count(health_score) as scored_accounts,
        count(case when not is_horizon_observed then 1 end)
            as excluded_unobserved,
        count(
            case when is_horizon_observed and health_score is null then 1 end
        ) as excluded_unscored,
        count(case when is_included then 1 end) as included_accounts,
        count(case when is_included and churned_within_horizon then 1 end)
            as churners,
        cast(
            count(case when is_included and churned_within_horizon then 1 end)
            as double
        )
        / nullif(count(case when is_included then 1 end), 0) as churn_rate,
        count(case when is_included and is_warming_up then 1 end)
            as warming_up_accounts,
        count(case when is_included and is_renewal_in_horizon then 1 end)
            as renewal_due_accounts
    from observations
    group by observation_date
)

select * from final
