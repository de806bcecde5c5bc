{#- One row per flat-export account and enabled flat_export sub-metric (unique:
    account_id, submetric): the export's value (the column a metric of kind
    export names in the metric catalogue), its 0-100 score by the scoring
    row's method (the same score_submetric dispatch as the warehouse score),
    the weights and the points it contributes. The export has no history, so
    trend_adjusted scores as linear_to_target and percentile_in_segment ranks
    among all accounts of the file. -#}
with export as (
    select * from {{ ref('stg_flat_export__account_metrics') }}
),

long as (
    {%- for column in metric_sources().flat_export.columns %}
    select
        account_id,
        '{{ column }}' as export_column,
        cast({{ column }} as double) as raw_value
    from export
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

export_metrics as (
    select
        metric,
        value_column
    from {{ ref('metric_catalogue') }}
    where kind = 'export'
),

catalogue as (
    select * from {{ ref('scoring_submetrics') }}
    where config_set = 'flat_export' and is_enabled
),

component_weights as (
    select
        weight_sets.component,
        weight_sets.weight as component_weight
    from {{ ref('scoring_segment_weight_sets') }} as assigned
    inner join {{ ref('scoring_weight_sets') }} as weight_sets
        on assigned.weight_set = weight_sets.weight_set
    where assigned.config_set = 'flat_export' and assigned.segment = 'all'
),

joined as (
    select
        long.account_id,
        catalogue.component,
        catalogue.submetric,
        catalogue.method,
        long.raw_value,
        cast(null as double) as trend_value,
        catalogue.weight as submetric_weight,
        component_weights.component_weight,
        catalogue.target,
        catalogue.range_min,
        catalogue.range_max,
        catalogue.trend_factor
    from long
    inner join export_metrics
        on long.export_column = export_metrics.value_column
    inner join catalogue
        on export_metrics.metric = catalogue.submetric
    inner join component_weights
        on catalogue.component = component_weights.component
),

percentiles as (
    select
        account_id,
        submetric,
        {{ score_percentile_in_segment('raw_value', 'submetric') }}
            as population_score
    from joined
    where method = 'percentile_in_segment'
),

scored as (
    select
        joined.*,
        {{ score_submetric(
            ref('scoring_bands'), "'flat_export'", 'joined.submetric',
            'percentiles.population_score'
        ) }} as submetric_score
    from joined
    left join percentiles
        on
            joined.account_id = percentiles.account_id
            and joined.submetric = percentiles.submetric
),

points as (
    {{ submetric_points('scored', ['account_id']) }}
),

final as (
    select
        account_id,
        component,
        submetric,
        raw_value,
        submetric_score,
        submetric_weight,
        component_weight,
        effective_weight,
        submetric_score * effective_weight as points_contributed,
        (100 - submetric_score) * effective_weight as points_missed
    from points
)

select * from final
