{#- One row per backtest observation with a score and sub-metric with a score
    that day (unique: observation_date, account_id, submetric): the
    sub-metric's 0-100 score and raw value as they stood on the observation
    date, with the observation's period, whether it is included (horizon
    observed), whether its renewal falls in the horizon, and its outcome. Drift reads every date; signal measures only the
    included rows. The observed account-days are picked from the wide scores
    before they are unpivoted (macro submetric_scores_long), not from every
    account-day of int_submetric_scores_daily. -#}
with observations as (
    select
        observation_date,
        account_id,
        segment,
        backtest_period,
        is_included,
        is_renewal_in_horizon,
        churned_within_horizon,
        days_to_churn
    from {{ ref('val_backtest_observations') }}
    where health_score is not null
),

observed_scores as {{ materialized_cte() }} (
    -- computed once: every sub-metric's select of the unpivot reads it
    select scores.*
    from {{ ref('int_account_scores_daily') }} as scores
    inner join observations
        on
            scores.account_id = observations.account_id
            and scores.date_day = observations.observation_date
),

scores as (
    {{ submetric_scores_long('observed_scores') }}
),

final as (
    select
        observations.observation_date,
        observations.account_id,
        observations.segment,
        observations.backtest_period,
        observations.is_included,
        observations.is_renewal_in_horizon,
        scores.component,
        scores.submetric,
        scores.raw_value,
        scores.submetric_score,
        observations.churned_within_horizon,
        observations.days_to_churn
    from observations
    inner join scores
        on
            observations.account_id = scores.account_id
            and observations.observation_date = scores.date_day
    where scores.submetric_score is not null
)

select * from final
