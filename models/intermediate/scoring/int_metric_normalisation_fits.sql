{#- One row per refit date and fitted sub-metric of the config set (unique:
    fit_date, submetric): the fit days from fit_date up to next_fit_date are
    scored with - the reference values' count, skewness and quantiles, the
    transform applied (the row's transform; auto takes the log when the
    skewness is above normalisation_settings.skew_log_above), and the mean
    and standard deviation of the transformed values (zscore). is_usable:
    enough values (min_reference_rows) with some spread. -#}
with settings as (
    select * from {{ ref('normalisation_settings') }}
),

reference as (
    select * from {{ ref('int_metric_reference_values') }}
),

scoring_rows as (
    select
        submetric,
        method,
        coalesce(transform, 'none') as requested_transform
    from {{ ref('scoring_submetrics') }}
    where
        config_set = '{{ var("scoring_config_set") }}'
        and is_enabled
        and method in ('zscore', 'percentile')
),

raw_stats as (
    select
        fit_date,
        submetric,
        count(*) as reference_rows,
        round(skewness(raw_value), 9) as raw_skewness,
        percentile_cont(0.05) within group (order by raw_value) as raw_p05,
        percentile_cont(0.5) within group (order by raw_value) as raw_p50,
        percentile_cont(0.95) within group (order by raw_value) as raw_p95
    from reference
    group by fit_date, submetric
),

decided as (
    select
        raw_stats.*,
        scoring_rows.method,
        scoring_rows.requested_transform,
        case
            when
                scoring_rows.requested_transform = 'log'
                or (
                    scoring_rows.requested_transform = 'auto'
                    and raw_stats.raw_skewness > settings.skew_log_above
                )
                then 'log'
            else 'none'
        end as applied_transform
    from raw_stats
    inner join scoring_rows
        on raw_stats.submetric = scoring_rows.submetric
    cross join settings
),

transformed_stats as (
    select
        reference.fit_date,
        reference.submetric,
        {#- rounded: the order an engine adds the reference values in moves the
            last bits, and every score of the fit would move with them -#}
        round(avg(
            case
                when decided.applied_transform = 'log'
                    then {{ signed_log('reference.raw_value') }}
                else reference.raw_value
            end
        ), 9) as transformed_mean,
        round(stddev_samp(
            case
                when decided.applied_transform = 'log'
                    then {{ signed_log('reference.raw_value') }}
                else reference.raw_value
            end
        ), 9) as transformed_sd
    from reference
    inner join decided
        on
            reference.fit_date = decided.fit_date
            and reference.submetric = decided.submetric
    group by reference.fit_date, reference.submetric
),

final as (
    select
        decided.fit_date,
        refits.next_fit_date,
        decided.submetric,
        decided.method,
        decided.requested_transform,
        decided.applied_transform,
        decided.reference_rows,
        decided.raw_skewness,
        decided.raw_p05,
        decided.raw_p50,
        decided.raw_p95,
        transformed_stats.transformed_mean,
        transformed_stats.transformed_sd,
        decided.reference_rows >= settings.min_reference_rows
        and transformed_stats.transformed_sd > 0 as is_usable
    from decided
    inner join transformed_stats
        on
            decided.fit_date = transformed_stats.fit_date
            and decided.submetric = transformed_stats.submetric
    inner join {{ ref('int_normalisation_refit_dates') }} as refits
        on decided.fit_date = refits.fit_date
    cross join settings
)

select * from final
