{#- One row per account, lifetime day and enabled sub-metric of the config
    set named by the var scoring_config_set, account_daily unless set (unique: account_id, date_day, submetric): the raw value, its
    0-100 score by the catalogue's method, the sub-metric's weight inside its
    component and the component's weight from the account segment's weight set.
    A null score means no data: the composite re-spreads its weight. -#}
with submetric_values as (
    select * from {{ ref('int_submetric_values_unpivoted') }}
),

catalogue as (
    select * from {{ ref('scoring_submetrics') }}
    where config_set = '{{ var("scoring_config_set") }}' and is_enabled
),

accounts as (
    select
        account_id,
        segment
    from {{ ref('stg_crm__accounts') }}
),

component_weights as (
    select
        assigned.segment,
        weight_sets.component,
        weight_sets.weight as component_weight
    from {{ ref('scoring_segment_weight_sets') }} as assigned
    inner join {{ ref('scoring_weight_sets') }} as weight_sets
        on assigned.weight_set = weight_sets.weight_set
    where assigned.config_set = '{{ var("scoring_config_set") }}'
),

joined as (
    select
        submetric_values.account_id,
        submetric_values.date_day,
        accounts.segment,
        catalogue.component,
        submetric_values.submetric,
        catalogue.method,
        submetric_values.raw_value,
        submetric_values.raw_value_30d_ago,
        catalogue.weight as submetric_weight,
        component_weights.component_weight,
        catalogue.target,
        catalogue.range_min,
        catalogue.range_max,
        catalogue.trend_factor
    from submetric_values
    inner join catalogue
        on submetric_values.submetric = catalogue.submetric
    inner join accounts
        on submetric_values.account_id = accounts.account_id
    inner join component_weights
        on
            accounts.segment = component_weights.segment
            and catalogue.component = component_weights.component
),

percentiles as (
    select
        account_id,
        date_day,
        submetric,
        {{ score_percentile_in_segment(
            'raw_value', 'submetric, segment, date_day'
        ) }} as percentile_score
    from joined
    where method = 'percentile_in_segment'
),

scored as (
    select
        joined.*,
        {{ score_submetric(
            ref('scoring_bands'), "'" ~ var('scoring_config_set') ~ "'", 'joined.submetric',
            'percentiles.percentile_score'
        ) }} as submetric_score
    from joined
    left join percentiles
        on
            joined.account_id = percentiles.account_id
            and joined.date_day = percentiles.date_day
            and joined.submetric = percentiles.submetric
)

select * from scored
