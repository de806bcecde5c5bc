{#- One row per observation date of val_backtest_dates and account paying at
    the end of it (unique: observation_date, account_id): the score as it
    stood that day (composite, components, coverage, tier, colour, onboarding,
    score version; all computed from data dated up to the day) and what
    followed in the horizon: the next churn date, days to it, whether it
    churned within the horizon, MRR at the horizon end, contraction and
    expansion. Outcomes are null while the horizon is not fully observed;
    is_included marks the rows the validation models use (scored and
    observed). -#}
with dates as (
    select * from {{ ref('val_backtest_dates') }}
),

days as (
    select
        account_id,
        date_day,
        mrr
    from {{ ref('int_account_days_spined') }}
),

scores as (
    select * from {{ ref('fct_health_scores_daily') }}
),

paying as (
    select
        dates.observation_date,
        dates.horizon_days,
        dates.horizon_end_date,
        dates.is_horizon_observed,
        dates.backtest_period,
        days.account_id,
        days.mrr as mrr_at_observation
    from dates
    inner join days
        on dates.observation_date = days.date_day
    where days.mrr > 0
),

next_churn as (
    select
        paying.observation_date,
        paying.account_id,
        min(churns.churn_date) as next_churn_date
    from paying
    inner join {{ ref('int_account_churn_dates') }} as churns
        on
            paying.account_id = churns.account_id
            and paying.observation_date < churns.churn_date
    group by paying.observation_date, paying.account_id
),

final as (
    select
        paying.observation_date,
        paying.account_id,
        crm_accounts.segment,
        paying.backtest_period,
        paying.mrr_at_observation,
        scores.health_score,
        scores.usage_score,
        scores.engagement_score,
        scores.growth_score,
        scores.support_score,
        scores.financial_score,
        scores.coverage,
        scores.health_tier,
        scores.health_colour,
        scores.is_onboarding,
        scores.score_version,
        paying.horizon_days,
        paying.horizon_end_date,
        paying.is_horizon_observed,
        paying.is_horizon_observed and scores.health_score is not null
            as is_included,
        next_churn.next_churn_date,
        {{ dbt.datediff(
            'paying.observation_date', 'next_churn.next_churn_date', 'day'
        ) }} as days_to_churn,
        case
            when paying.is_horizon_observed
                then coalesce(
                    next_churn.next_churn_date <= paying.horizon_end_date, false
                )
        end as churned_within_horizon,
        case
            when paying.is_horizon_observed then coalesce(horizon_days.mrr, 0)
        end as mrr_at_horizon_end,
        case
            when paying.is_horizon_observed
                then coalesce(
                    next_churn.next_churn_date > paying.horizon_end_date, true
                )
                and coalesce(horizon_days.mrr, 0) < paying.mrr_at_observation
        end as contracted_within_horizon,
        case
            when paying.is_horizon_observed
                then coalesce(horizon_days.mrr, 0) > paying.mrr_at_observation
        end as expanded_within_horizon
    from paying
    inner join {{ ref('stg_crm__accounts') }} as crm_accounts
        on paying.account_id = crm_accounts.account_id
    left join scores
        on
            paying.account_id = scores.account_id
            and paying.observation_date = scores.date_day
    left join next_churn
        on
            paying.account_id = next_churn.account_id
            and paying.observation_date = next_churn.observation_date
    left join days as horizon_days
        on
            paying.account_id = horizon_days.account_id
            and paying.horizon_end_date = horizon_days.date_day
)

select * from final
