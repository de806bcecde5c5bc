{#- One row per observation date of the point-in-time backtest (primary key
    observation_date): month ends, every validation_settings.grid_months, from
    the first month end with a score up to the as-of day. A date is observed
    when the shortest horizon of backtest_horizons has ended by the as-of day
    (each observation's own horizon decides whether it is included); the
    first fit_share_of_dates of the observed dates fit (calibration, at-risk
    threshold, metric groups, fitted weights), the later ones evaluate, and
    dates with nothing observed yet are 'unobserved'. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

shortest_horizon as (
    select min(horizon_days) as horizon_days
    from {{ ref('backtest_horizons') }}
),

first_scored as (
    select min(date_day) as first_scored_day
    from {{ ref('fct_health_scores_daily') }}
    where health_score is not null
),

months as (
    {{ month_series(
        '(select first_scored_day from first_scored)', as_of_date()
    ) }}
),

month_ends as (
    select
        cast({{ dbt.last_day('months.month_start', 'month') }} as date)
            as observation_date
    from months
),

gridded as (
    select
        month_ends.observation_date,
        row_number() over (order by month_ends.observation_date)
            as grid_position
    from month_ends
    cross join first_scored
    where
        month_ends.observation_date <= {{ as_of_date() }}
        and month_ends.observation_date >= first_scored.first_scored_day
),

observed as (
    select
        gridded.observation_date,
        {{ dbt.dateadd(
            'day', 'shortest_horizon.horizon_days', 'gridded.observation_date'
        ) }} <= {{ as_of_date() }} as is_observed
    from gridded
    cross join settings
    cross join shortest_horizon
    where mod(gridded.grid_position - 1, settings.grid_months) = 0
),

ranked as (
    select
        *,
        sum(case when is_observed then 1 else 0 end) over ()
            as observed_dates,
        row_number() over (
            partition by is_observed order by observation_date
        ) as observed_position
    from observed
),

final as (
    select
        ranked.observation_date,
        ranked.is_observed,
        case
            when not ranked.is_observed then 'unobserved'
            when
                ranked.observed_position
                <= ceil(ranked.observed_dates * settings.fit_share_of_dates)
                then 'fit'
            else 'evaluation'
        end as backtest_period
    from ranked
    cross join settings
)

select * from final
