{#- One row per config set (primary key config_set): the score version, a hash
    of every scoring seed row in force for it, the metric definitions of the
    catalogue (not their words) and the normalisation settings, so a score row
    says which metrics, weights, targets and bands produced it. Any edit to
    those gives a new version; the fit a fitted method used is on the row. -#}
{%- set text = dbt.type_string() %}
with submetrics as (
    select
        config_set,
        submetric || '|' || component || '|'
        || cast(weight as {{ text }}) || '|'
        || method || '|' || coalesce(cast(target as {{ text }}), '') || '|'
        || coalesce(cast(range_min as {{ text }}), '') || '|'
        || coalesce(cast(range_max as {{ text }}), '') || '|'
        || coalesce(cast(trend_factor as {{ text }}), '') || '|'
        || coalesce(trend_metric, '') || '|' || coalesce(transform, '') || '|'
        || cast(is_enabled as {{ text }}) as config_row
    from {{ ref('scoring_submetrics') }}
),

bands as (
    select
        config_set,
        'band|' || submetric || '|'
        || coalesce(cast(lower_bound as {{ text }}), '') || '|'
        || coalesce(cast(upper_bound as {{ text }}), '') || '|'
        || cast(points as {{ text }}) as config_row
    from {{ ref('scoring_bands') }}
),

weights as (
    select
        assigned.config_set,
        'weight|' || assigned.segment || '|' || assigned.weight_set || '|'
        || weight_sets.component || '|'
        || cast(weight_sets.weight as {{ text }}) as config_row
    from {{ ref('scoring_segment_weight_sets') }} as assigned
    inner join {{ ref('scoring_weight_sets') }} as weight_sets
        on assigned.weight_set = weight_sets.weight_set
),

shared as (
    select
        'tier|' || tier || '|' || cast(min_score as {{ text }}) || '|'
        || coalesce(cast(max_score as {{ text }}), '') as config_row
    from {{ ref('health_tiers') }}
    union all
    select
        'metric|' || metric || '|' || kind || '|' || coalesce(source, '') || '|'
        || coalesce(filter, '') || '|' || coalesce(value_column, '') || '|'
        || coalesce(cast(window_days as {{ text }}), '') || '|'
        || coalesce(input_metric, '') || '|' || coalesce(divisor_metric, '')
        || '|' || coalesce(cast(min_lifetime_days as {{ text }}), '') || '|'
        || coalesce(direction, '') as config_row
    from {{ ref('metric_catalogue') }}
    union all
    select
        'normalisation|' || cast(reference_days as {{ text }}) || '|'
        || cast(refit_every_months as {{ text }}) || '|'
        || cast(min_reference_rows as {{ text }}) || '|'
        || cast(skew_log_above as {{ text }}) || '|'
        || cast(zscore_clip_sd as {{ text }}) as config_row
    from {{ ref('normalisation_settings') }}
),

config_sets as (
    select distinct config_set from submetrics
),

config_rows as (
    select * from submetrics
    union all
    select * from bands
    union all
    select * from weights
    union all
    select
        config_sets.config_set,
        shared.config_row
    from shared
    cross join config_sets
),

final as (
    select
        config_set,
        'v-' || substr(
            {{ dbt.hash(
                dbt.listagg('config_row', text_literal('\\n'), 'order by config_row')
            ) }},
            1, 12
        ) as score_version,
        count(*) as config_rows
    from config_rows
    group by config_set
)

select * from final
