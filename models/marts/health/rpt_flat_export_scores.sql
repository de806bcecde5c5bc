{#- One row per account of the flat export (primary key account_id): its MRR,
    health score 0-100, component scores, coverage, tier, colour and what the
    tier calls for, the risk drivers and strengths in words and the score
    version of the flat_export configuration. Scored from the file named by the
    var flat_export_file through the same macros and seeds as the warehouse
    score. -#}
with submetric_scores as (
    select * from {{ ref('int_flat_export_submetric_scores') }}
),

composite as (
    {{ health_composite(
        'submetric_scores', ['account_id'],
        score_components()
    ) }}
),

settings as (
    select * from {{ ref('driver_settings') }}
),

catalogue as (
    select
        metric as submetric,
        value_format,
        driver_text
    from {{ ref('metric_catalogue') }}
),

described as (
    select
        submetric_scores.*,
        {{ driver_text(
            'catalogue.driver_text', 'catalogue.value_format',
            'submetric_scores.raw_value'
        ) }} as driver_text,
        settings.max_drivers,
        settings.risk_below_score,
        settings.strength_from_score
    from submetric_scores
    inner join catalogue
        on submetric_scores.submetric = catalogue.submetric
    cross join settings
),

ranked as (
    select
        *,
        {{ driver_ranks('account_id') }}
    from described
),

drivers as (
    select
        account_id,
        {{ dbt.listagg(
            'case when risk_rank <= max_drivers then driver_text end',
            "'; '", 'order by risk_rank'
        ) }} as risk_drivers,
        {{ dbt.listagg(
            'case when strength_rank <= max_drivers then driver_text end',
            "'; '", 'order by strength_rank'
        ) }} as strengths
    from ranked
    group by account_id
),

versions as (
    select score_version from {{ ref('int_score_versions') }}
    where config_set = 'flat_export'
),

tiered as (
    select
        composite.*,
        {{ band_label(
            'composite.health_score', ref('health_tiers'),
            'tier', 'min_score', 'max_score'
        ) }} as health_tier,
        {{ band_label(
            'composite.health_score', ref('health_colours'),
            'colour', 'min_score', 'max_score'
        ) }} as health_colour
    from composite
),

final as (
    select
        export.account_id,
        export.mrr,
        round(tiered.health_score, 9) as health_score,
        tiered.health_tier,
        tiered.health_colour,
        tiers.action as tier_action,
        tiered.usage_score,
        tiered.engagement_score,
        tiered.growth_score,
        tiered.support_score,
        tiered.financial_score,
        tiered.coverage,
        nullif(drivers.risk_drivers, '') as risk_drivers,
        nullif(drivers.strengths, '') as strengths,
        versions.score_version
    from {{ ref('stg_flat_export__account_metrics') }} as export
    left join tiered
        on export.account_id = tiered.account_id
    left join drivers
        on export.account_id = drivers.account_id
    left join {{ ref('health_tiers') }} as tiers
        on tiered.health_tier = tiers.tier
    cross join versions
)

select * from final
