{#- One row per observation date of the point-in-time backtest (primary key
    observation_date): month ends, every var backtest_grid_months months, from
    the first month end at least validation_settings.warmup_days after the
    first scored day up to the as-of day. Each has its horizon end
    (horizon_days later), whether the horizon is fully observed by the as-of
    day, and its period: the first fit_share_of_dates of the observed dates fit
    (calibration, weight review), the later ones evaluate; dates whose horizon
    is still open are 'unobserved'. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

first_scored as (
    select min(date_day) as first_scored_day
    from {{ ref('fct_health_scores_daily') }}
),

months as (
    {{ month_series(
        '(select first_scored_day from first_scored)', as_of_date()
    ) }}
),

eligible as (
    select
        cast({{ dbt.last_day('months.month_start', 'month') }} as date)
            as observation_date,
        settings.horizon_days
    from months
    cross join first_scored
    cross join settings
    where
        cast({{ dbt.last_day('months.month_start', 'month') }} as date)
        <= {{ as_of_date() }}
        and cast({{ dbt.last_day('months.month_start', 'month') }} as date)
        >= {{ dbt.dateadd(
            'day', 'settings.warmup_days', 'first_scored.first_scored_day'
        ) }}
),

gridded as (
    select
        observation_date,
        horizon_days,
        row_number() over (order by observation_date) as grid_position
    from eligible
),

observed as (
    select
        observation_date,
        horizon_days,
        cast(
            {{ dbt.dateadd('day', 'horizon_days', 'observation_date') }} as date
        ) as horizon_end_date,
        {{ dbt.dateadd('day', 'horizon_days', 'observation_date') }}
        <= {{ as_of_date() }} as is_horizon_observed
    from gridded
    where mod(grid_position - 1, {{ var('backtest_grid_months') }}) = 0
),

ranked as (
    select
        *,
        sum(case when is_horizon_observed then 1 else 0 end) over ()
            as observed_dates,
        row_number() over (
            partition by is_horizon_observed order by observation_date
        ) as observed_position
    from observed
),

final as (
    select
        ranked.observation_date,
        ranked.horizon_days,
        ranked.horizon_end_date,
        ranked.is_horizon_observed,
        case
            when not ranked.is_horizon_observed then 'unobserved'
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
