{{ config(
    materialized='incremental',
    unique_key=['account_id', 'date_day'],
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

{#- One row per account and lifetime day (unique: account_id, date_day): the
    health score 0-100, its five component scores, coverage (share of weight
    that had data), the share of the score from sub-metrics whose windows were
    full (warm-up when below 1), the normalisation fit in force, tier, colour,
    onboarding flag and the score version.
    Incremental: a run re-scores the last var('score_lookback_days') days already
    stored (late data) and adds the new ones; a full refresh gives the same rows
    for the same raw data and seeds. -#}
with submetric_scores as (
    select * from {{ ref('int_submetric_scores_daily') }}
    {%- if is_incremental() %}
    where date_day > (
        select {{ dbt.dateadd(
            'day', -var('score_lookback_days'), 'max(date_day)'
        ) }}
        from {{ this }}
    )
    {%- endif %}
),

composite as (
    {{ health_composite(
        'submetric_scores', ['account_id', 'date_day'],
        score_components()
    ) }}
),

window_shares as (
    select
        account_id,
        date_day,
        sum(
            case when is_window_full then effective_weight else 0 end
        ) as full_window_share,
        max(normalisation_fit_date) as normalisation_fit_date
    from (
        {{ submetric_points('submetric_scores', ['account_id', 'date_day']) }}
    ) as points
    group by account_id, date_day
),

lifetimes as (
    select
        account_id,
        min(date_day) as first_day
    from {{ ref('int_account_days_spined') }}
    group by account_id
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
        window_shares.full_window_share,
        coalesce(window_shares.full_window_share < 1 - 1e-9, false)
            as is_warming_up,
        window_shares.normalisation_fit_date,
        {{ band_label(
            'composite.health_score', ref('health_tiers'),
            'tier', 'min_score', 'max_score'
        ) }} as health_tier,
        {{ band_label(
            'composite.health_score', ref('health_colours'),
            'colour', 'min_score', 'max_score'
        ) }} as health_colour,
        {{ dbt.datediff('lifetimes.first_day', 'composite.date_day', 'day') }}
        < {{ var('onboarding_days') }} as is_onboarding,
        versions.score_version
    from composite
    inner join lifetimes
        on composite.account_id = lifetimes.account_id
    inner join window_shares
        on
            composite.account_id = window_shares.account_id
            and composite.date_day = window_shares.date_day
    cross join versions
)

select * from final
