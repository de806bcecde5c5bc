{#- One row per account scored on the as-of day (primary key account_id): the
    score now, 7 and 30 days earlier, the 7-day change, the 30-day velocity in
    points per day with its band (seed velocity_bands), tier, colour, what the
    tier calls for, whether the account is at risk (below
    kpi_settings.at_risk_below_score, the rule of the executive KPIs; the
    CSM portfolio, action list and risk card read it here), coverage, score
    version, and the drivers in words: the risk
    drivers and strengths of rpt_account_submetric_scores and the sub-metrics
    whose points moved most in 30 days. An account with no score 30 days
    earlier (younger, or churned then) has no velocity. -#}
with history as (
    select * from {{ ref('fct_health_scores_daily') }}
),

current_day as (
    select
        today.*,
        week_ago.health_score as health_score_7d_ago,
        month_ago.health_score as health_score_30d_ago
    from history as today
    left join history as week_ago
        on
            today.account_id = week_ago.account_id
            and week_ago.date_day = {{ days_before_as_of(7) }}
    left join history as month_ago
        on
            today.account_id = month_ago.account_id
            and month_ago.date_day
            = {{ days_before_as_of(30) }}
    where today.date_day = {{ as_of_date() }}
),

settings as (
    select * from {{ ref('driver_settings') }}
),

submetrics as (
    select
        submetric_scores.*,
        settings.max_drivers,
        settings.min_change_points
    from {{ ref('rpt_account_submetric_scores') }} as submetric_scores
    cross join settings
),

risk_drivers as (
    select
        account_id,
        {{ dbt.listagg('driver_text', "'; '", 'order by risk_rank') }}
            as risk_drivers
    from submetrics
    where risk_rank <= max_drivers
    group by account_id
),

strengths as (
    select
        account_id,
        {{ dbt.listagg('driver_text', "'; '", 'order by strength_rank') }}
            as strengths
    from submetrics
    where strength_rank <= max_drivers
    group by account_id
),

change_drivers as (
    select
        account_id,
        {{ dbt.listagg(
            "label || ' ' || case when points_change_30d > 0 then '+' else ''"
            ~ " end || cast(cast(round(points_change_30d, 1) as decimal(18, 1))"
            ~ " as " ~ dbt.type_string() ~ ") || ' pts'",
            "'; '", 'order by change_rank'
        ) }} as change_drivers_30d
    from submetrics
    where
        change_rank <= max_drivers
        and abs(points_change_30d) >= min_change_points
    group by account_id
),

final as (
    select
        current_day.account_id,
        current_day.date_day as as_of_date,
        current_day.health_score,
        current_day.health_tier,
        current_day.health_colour,
        tiers.action as tier_action,
        current_day.health_score < kpi_settings.at_risk_below_score
            as is_at_risk,
        current_day.usage_score,
        current_day.engagement_score,
        current_day.growth_score,
        current_day.support_score,
        current_day.financial_score,
        current_day.coverage,
        current_day.is_onboarding,
        current_day.health_score_7d_ago,
        current_day.health_score - current_day.health_score_7d_ago
            as health_change_7d,
        current_day.health_score_30d_ago,
        (current_day.health_score - current_day.health_score_30d_ago) / 30.0
            as velocity_points_per_day,
        {{ band_label(
            '(current_day.health_score - current_day.health_score_30d_ago)'
            ~ ' / 30.0',
            ref('velocity_bands'), 'velocity_band',
            'min_points_per_day', 'max_points_per_day'
        ) }} as velocity_band,
        risk_drivers.risk_drivers,
        strengths.strengths,
        change_drivers.change_drivers_30d,
        current_day.score_version
    from current_day
    cross join {{ ref('kpi_settings') }} as kpi_settings
    left join {{ ref('health_tiers') }} as tiers
        on current_day.health_tier = tiers.tier
    left join risk_drivers
        on current_day.account_id = risk_drivers.account_id
    left join strengths
        on current_day.account_id = strengths.account_id
    left join change_drivers
        on current_day.account_id = change_drivers.account_id
)

select * from final
