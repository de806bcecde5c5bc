{#- One row per account scored on the as-of day (primary key account_id): the
    score now, 7 and 30 days earlier, the 7-day change, the 30-day velocity in
    points per day with its band (seed velocity_bands), tier, colour, coverage and
    score version. Accounts younger than 30 days have no velocity. -#}
with history as (
    select * from {{ ref('fct_health_scores_daily') }}
    where date_day <= {{ as_of_date() }}
),

now_and_then as (
    select
        *,
        lag(health_score, 7) over (
            partition by account_id order by date_day
        ) as health_score_7d_ago,
        lag(health_score, 30) over (
            partition by account_id order by date_day
        ) as health_score_30d_ago
    from history
),

current_day as (
    select
        *,
        (health_score - health_score_30d_ago) / 30.0 as velocity_points_per_day
    from now_and_then
    where date_day = {{ as_of_date() }}
),

final as (
    select
        current_day.account_id,
        current_day.date_day as as_of_date,
        current_day.health_score,
        current_day.health_tier,
        current_day.health_colour,
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
        current_day.velocity_points_per_day,
        {{ band_label(
            'current_day.velocity_points_per_day',
            ref('velocity_bands'), 'velocity_band',
            'min_points_per_day', 'max_points_per_day'
        ) }} as velocity_band,
        current_day.score_version
    from current_day
)

select * from final
