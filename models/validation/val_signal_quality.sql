{#- One row per risk signal and combination of the seeds (primary key
    signal): whether it warned of churn, under the backtest's point-in-time
    rules. On every included observation of val_backtest_observations (an
    account paying on an observation date whose horizon is fully observed)
    the signal fired when it was active that day (fct_account_signals_daily
    reads only data dated up to the day). Measures: observations and accounts
    fired; churners among them (churned within the horizon); the churn rate
    when fired and its lift on the base churn rate; recall (the share of all
    churning observations it flagged); the false-positive rate as val_metrics
    counts it (fired observations that did not churn, over those fired); the
    median lead time from the start of the alert open that day to the churn;
    over the whole history, alerts started and accounts alerted. verdict:
    never_fired, too_few (fewer than validation_settings.signal_min_fired
    fired observations), noise (lift below signal_min_lift) or useful. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

signals as (
    select
        signal,
        category,
        severity,
        is_enabled
    from {{ ref('risk_signals') }}
    union all
    select
        combination as signal,  -- noqa: RF04
        'combination' as category,
        severity,
        true as is_enabled
    from {{ ref('signal_combinations') }}
),

observations as (
    select
        observation_date,
        account_id,
        churned_within_horizon,
        next_churn_date
    from {{ ref('val_backtest_observations') }}
    where is_included
),

base as (
    select
        count(*) as observations,
        count(case when churned_within_horizon then 1 end) as churners
    from observations
),

fired as (
    select
        observations.observation_date,
        observations.account_id,
        observations.churned_within_horizon,
        signal_days.signal,
        case
            when observations.churned_within_horizon
                then {{ dbt.datediff(
                    'alerts.started_on', 'observations.next_churn_date', 'day'
                ) }}
        end as lead_time_days
    from observations
    inner join {{ ref('fct_account_signals_daily') }} as signal_days
        on
            observations.account_id = signal_days.account_id
            and observations.observation_date = signal_days.date_day
    left join {{ ref('fct_alert_log') }} as alerts
        on
            signal_days.account_id = alerts.account_id
            and signal_days.signal = alerts.signal
            and observations.observation_date >= alerts.started_on
            and (
                alerts.cleared_on is null
                or observations.observation_date < alerts.cleared_on
            )
),

fired_counts as (
    select
        signal,
        count(*) as observations_fired,
        count(distinct account_id) as accounts_fired,
        count(case when churned_within_horizon then 1 end) as churners_fired,
        {{ median('lead_time_days') }} as median_lead_time_days
    from fired
    group by signal
),

history as (
    select
        signal,
        count(*) as alerts_started,
        count(distinct account_id) as accounts_alerted
    from {{ ref('fct_alert_log') }}
    group by signal
),

measured as (
    select
        signals.signal,
        signals.category,
        signals.severity,
        signals.is_enabled,
        base.observations,
        coalesce(fired_counts.observations_fired, 0) as observations_fired,
        coalesce(fired_counts.accounts_fired, 0) as accounts_fired,
        coalesce(fired_counts.churners_fired, 0) as churners_fired,
        cast(fired_counts.churners_fired as double)
        / nullif(fired_counts.observations_fired, 0) as churn_rate_when_fired,
        cast(base.churners as double) / nullif(base.observations, 0)
            as base_churn_rate,
        cast(coalesce(fired_counts.churners_fired, 0) as double)
        / nullif(base.churners, 0) as recall,
        cast(
            fired_counts.observations_fired - fired_counts.churners_fired
            as double
        )
        / nullif(fired_counts.observations_fired, 0) as false_positive_rate,
        fired_counts.median_lead_time_days,
        coalesce(history.alerts_started, 0) as alerts_started,
        coalesce(history.accounts_alerted, 0) as accounts_alerted
    from signals
    cross join base
    left join fired_counts
        on signals.signal = fired_counts.signal
    left join history
        on signals.signal = history.signal
),

lifted as (
    select
        *,
        churn_rate_when_fired / nullif(base_churn_rate, 0) as lift
    from measured
),

final as (
    select
        lifted.*,
        case
            when lifted.observations_fired = 0 then 'never_fired'
            when lifted.observations_fired < settings.signal_min_fired
                then 'too_few'
            when coalesce(lifted.lift, 0) < settings.signal_min_lift
                then 'noise'
            else 'useful'
        end as verdict
    from lifted
    cross join settings
)

select * from final
