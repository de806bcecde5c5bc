{#- One row per account, lifetime day and enabled sub-metric of the config
    set named by the var scoring_config_set (unique: account_id, date_day,
    submetric): the metric's value (from the metric catalogue), its 0-100
    score by the scoring row's method, whether its windows were full, the fit
    a fitted method used, and the weights. A null score means no data (or no
    usable fit yet): the composite re-spreads its weight. -#}
with metric_values as (
    select * from {{ ref('int_account_metric_values') }}
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
        metric_values.account_id,
        metric_values.date_day,
        accounts.segment,
        catalogue.component,
        catalogue.submetric,
        catalogue.method,
        metric_values.metric_value as raw_value,
        metric_values.is_window_full,
        catalogue.trend_metric,
        catalogue.weight as submetric_weight,
        component_weights.component_weight,
        catalogue.target,
        catalogue.range_min,
        catalogue.range_max,
        catalogue.trend_factor
    from metric_values
    inner join catalogue
        on metric_values.metric = catalogue.submetric
    inner join accounts
        on metric_values.account_id = accounts.account_id
    inner join component_weights
        on
            accounts.segment = component_weights.segment
            and catalogue.component = component_weights.component
),

trends as (
    select
        joined.account_id,
        joined.date_day,
        joined.submetric,
        trend_values.metric_value as trend_value
    from joined
    inner join metric_values as trend_values
        on
            joined.account_id = trend_values.account_id
            and joined.date_day = trend_values.date_day
            and joined.trend_metric = trend_values.metric
    where joined.method = 'trend_adjusted'
),

segment_percentiles as (
    select
        account_id,
        date_day,
        submetric,
        cast(null as date) as fit_date,
        {{ score_percentile_in_segment(
            'raw_value', 'submetric, segment, date_day'
        ) }} as population_score
    from joined
    where method = 'percentile_in_segment'
),

fitted_rows as (
    select
        joined.account_id,
        joined.date_day,
        joined.submetric,
        joined.method,
        joined.raw_value,
        fits.fit_date,
        fits.is_usable,
        fits.applied_transform,
        fits.transformed_mean,
        fits.transformed_sd,
        case
            when catalogue_metrics.direction = 'lower_is_better' then -1
            else 1
        end as direction_sign
    from joined
    inner join {{ ref('int_metric_normalisation_fits') }} as fits
        on
            joined.submetric = fits.submetric
            and joined.date_day >= fits.fit_date
            and (
                fits.next_fit_date is null
                or joined.date_day < fits.next_fit_date
            )
    inner join {{ ref('metric_catalogue') }} as catalogue_metrics
        on joined.submetric = catalogue_metrics.metric
    where joined.method in ('zscore', 'percentile')
),

zscores as (
    select
        fitted_rows.account_id,
        fitted_rows.date_day,
        fitted_rows.submetric,
        fitted_rows.fit_date,
        case when fitted_rows.is_usable then {{ clamp_score(
            '50 + 50 / normalisation.zscore_clip_sd'
            ~ ' * fitted_rows.direction_sign'
            ~ ' * (case when fitted_rows.applied_transform = \'log\' then '
            ~ signed_log('fitted_rows.raw_value')
            ~ ' else fitted_rows.raw_value end'
            ~ ' - fitted_rows.transformed_mean) / fitted_rows.transformed_sd'
        ) }} end as population_score
    from fitted_rows
    cross join {{ ref('normalisation_settings') }} as normalisation
    where fitted_rows.method = 'zscore'
),

percentile_pool as (
    select
        reference_values.fit_date,
        reference_values.submetric,
        reference_values.raw_value,
        1 as is_reference,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as date) as date_day,
        cast(null as integer) as direction_sign
    from {{ ref('int_metric_reference_values') }} as reference_values
    where
        reference_values.submetric in (
            select fitted_rows.submetric from fitted_rows
            where fitted_rows.method = 'percentile'
        )
    union all
    select
        fit_date,
        submetric,
        raw_value,
        0 as is_reference,
        account_id,
        date_day,
        direction_sign
    from fitted_rows
    where method = 'percentile' and is_usable and raw_value is not null
),

percentile_ranks as (
    select
        *,
        sum(is_reference) over (
            partition by fit_date, submetric
            order by raw_value
            range between unbounded preceding and current row
        ) as references_up_to,
        sum(is_reference) over (
            partition by fit_date, submetric, raw_value
        ) as references_equal,
        sum(is_reference) over (
            partition by fit_date, submetric
        ) as references_all
    from percentile_pool
),

fitted_percentiles as (
    select
        account_id,
        date_day,
        submetric,
        fit_date,
        100.0 * (
            (references_up_to - references_equal / 2.0) / references_all - 0.5
        ) * direction_sign + 50 as population_score
    from percentile_ranks
    where is_reference = 0
),

population_scores as (
    select * from segment_percentiles
    union all
    select * from zscores
    union all
    select * from fitted_percentiles
    union all
    select
        account_id,
        date_day,
        submetric,
        fit_date,
        cast(null as double) as population_score
    from fitted_rows
    where method = 'percentile' and not (is_usable and raw_value is not null)
),

scored as (
    select
        joined.*,
        trends.trend_value,
        population_scores.fit_date as normalisation_fit_date,
        {{ score_submetric(
            ref('scoring_bands'),
            "'" ~ var('scoring_config_set') ~ "'",
            'joined.submetric',
            'population_scores.population_score'
        ) }} as submetric_score
    from joined
    left join trends
        on
            joined.account_id = trends.account_id
            and joined.date_day = trends.date_day
            and joined.submetric = trends.submetric
    left join population_scores
        on
            joined.account_id = population_scores.account_id
            and joined.date_day = population_scores.date_day
            and joined.submetric = population_scores.submetric
)

select * from scored
