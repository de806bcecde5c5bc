-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}

{#- One row per account and lifetime day (unique: account_id, date_day): the
    health score 0-100, its five component scores, coverage (share of weight
    that had data), the share of the score from sub-metrics whose windows were
    full (warm-up when below 1), the normalisation fit in force, tier, colour,
    onboarding flag and the score version.
    Incremental by day (docs/DEFINITIONS.md 6): a run re-scores the last
    incremental_settings.lookback_days days already stored (late data) and adds
    the new ones; a full refresh gives the same rows for the same raw data and
    seeds. -#}
with composite as (
    select * from {{ ref('int_account_scores_daily') }}
    where {{ recomputed_days('date_day') }}
),

versions as (
    select score_version from {{ ref('int_score_versions') }}
    where config_set = '{{ var("scoring_config_set") }}'
),

final as (
    select
        composite.account_id,
        cast(composite.date_day as date) as date_day,
        composite.health_score,
        composite.usage_score,
        composite.engagement_score,
        composite.growth_score,
        composite.support_score,
        composite.financial_score,
        composite.coverage,
        composite.full_window_share,
        coalesce(composite.full_window_share < 1 - 1e-9, false)
            as is_warming_up,
        composite.normalisation_fit_date,
        {{ band_label(
            'composite.health_score', ref('health_tiers'),
            'tier', 'min_score', 'max_score'
        ) }} as health_tier,
        {{ band_label(
            'composite.health_score', ref('health_colours'),
            'colour', 'min_score', 'max_score'
        ) }} as health_colour,
        -- lifetime days are consecutive: day 1 is the first subscription start
        composite.lifetime_day - 1
        < {{ var('onboarding_days') }} as is_onboarding,
        versions.score_version
    from composite
    cross join versions
)

select * from final
