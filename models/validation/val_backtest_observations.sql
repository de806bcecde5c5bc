{#- One row per observation date of val_backtest_dates and account paying at
    the end of it (unique: observation_date, account_id): the score as it
    stood that day (composite, components, coverage, the share resting on full
    windows and the warm-up mark, tier, onboarding, score version, the fit in
    force; all from data dated up to the day), the account's tenure, its main
    contract's billing interval and next renewal, the horizon of that interval
    (seed backtest_horizons) and what followed in it: the next churn date,
    days to it, churned within the horizon, MRR at its end, contraction and
    expansion. Outcomes are null while the horizon is not over; is_included
    marks the rows the validation models use (scored and observed). -#}
with dates as (
    select * from {{ ref('val_backtest_dates') }}
),

days as (
    select
        account_id,
        date_day,
        mrr,
        main_contract_months,
        renewal_date
    from {{ ref('int_account_days_aggregated') }}
),

lifetimes as (
    select
        account_id,
        min(date_day) as first_day
    from days
    group by account_id
),

scores as (
    select * from {{ ref('fct_health_scores_daily') }}
),

paying as (
    select
        dates.observation_date,
        dates.backtest_period,
        days.account_id,
        days.mrr as mrr_at_observation,
        days.renewal_date,
        horizons.billing_interval,
        horizons.horizon_days,
        cast(
            {{ dbt.dateadd(
                'day', 'horizons.horizon_days', 'dates.observation_date'
            ) }} as date
        ) as horizon_end_date
    from dates
    inner join days
        on dates.observation_date = days.date_day
    left join {{ ref('backtest_horizons') }} as horizons
        on days.main_contract_months = horizons.term_months
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

observed as (
    select
        paying.*,
        coalesce(
            paying.horizon_end_date <= {{ as_of_date() }}, false
        ) as is_horizon_observed
    from paying
),

final as (
    select
        observed.observation_date,
        observed.account_id,
        crm_accounts.segment,
        observed.backtest_period,
        observed.mrr_at_observation,
        observed.billing_interval,
        {{ dbt.datediff(
            'lifetimes.first_day', 'observed.observation_date', 'day'
        ) }} as tenure_days,
        scores.health_score,
        scores.usage_score,
        scores.engagement_score,
        scores.growth_score,
        scores.support_score,
        scores.financial_score,
        scores.coverage,
        scores.full_window_share,
        scores.is_warming_up,
        scores.normalisation_fit_date,
        scores.health_tier,
        scores.health_colour,
        scores.is_onboarding,
        scores.score_version,
        observed.horizon_days,
        observed.horizon_end_date,
        observed.renewal_date,
        coalesce(
            observed.renewal_date <= observed.horizon_end_date, false
        ) as is_renewal_in_horizon,
        observed.is_horizon_observed,
        observed.is_horizon_observed
        and scores.health_score is not null as is_included,
        next_churn.next_churn_date,
        {{ dbt.datediff(
            'observed.observation_date', 'next_churn.next_churn_date', 'day'
        ) }} as days_to_churn,
        case
            when observed.is_horizon_observed
                then coalesce(
                    next_churn.next_churn_date <= observed.horizon_end_date,
                    false
                )
        end as churned_within_horizon,
        case
            when observed.is_horizon_observed
                then coalesce(horizon_days.mrr, 0)
        end as mrr_at_horizon_end,
        case
            when observed.is_horizon_observed
                then coalesce(
                    next_churn.next_churn_date > observed.horizon_end_date,
                    true
                )
                and coalesce(horizon_days.mrr, 0) < observed.mrr_at_observation
        end as contracted_within_horizon,
        case
            when observed.is_horizon_observed
                then
                    coalesce(horizon_days.mrr, 0)
                    > observed.mrr_at_observation
        end as expanded_within_horizon
    from observed
    inner join {{ ref('stg_crm__accounts') }} as crm_accounts
        on observed.account_id = crm_accounts.account_id
    inner join lifetimes
        on observed.account_id = lifetimes.account_id
    left join scores
        on
            observed.account_id = scores.account_id
            and observed.observation_date = scores.date_day
    left join next_churn
        on
            observed.account_id = next_churn.account_id
            and observed.observation_date = next_churn.observation_date
    left join days as horizon_days
        on
            observed.account_id = horizon_days.account_id
            and observed.horizon_end_date = horizon_days.date_day
)

select * from final
