{#- One row per sub-metric and observation date (unique: submetric,
    observation_date): the mean score that day and the population stability
    index (PSI) of its score distribution over the validation score bands
    against the baseline, the pooled fit period: sum over bands of
    (share now - share in baseline) x ln(share now / share in baseline), an
    empty band counting as validation_settings.psi_min_share; has_drifted
    when PSI exceeds psi_alert_above. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

banded as (
    select
        submetric_rows.submetric,
        submetric_rows.observation_date,
        submetric_rows.backtest_period,
        submetric_rows.submetric_score,
        least(
            floor(submetric_rows.submetric_score / settings.score_band_width),
            ceil(100 / settings.score_band_width) - 1
        ) as score_band
    from {{ ref('val_backtest_submetric_rows') }} as submetric_rows
    cross join settings
),

bands as (
    select distinct
        submetric,
        score_band
    from banded
),

baseline as (
    select
        bands.submetric,
        bands.score_band,
        cast(count(banded.submetric_score) as double)
        / sum(count(banded.submetric_score)) over (
            partition by bands.submetric
        ) as baseline_share
    from bands
    left join banded
        on
            bands.submetric = banded.submetric
            and bands.score_band = banded.score_band
            and banded.backtest_period = 'fit'
    group by bands.submetric, bands.score_band
),

dates as (
    select distinct
        submetric,
        observation_date
    from banded
),

current_shares as (
    select
        dates.submetric,
        dates.observation_date,
        bands.score_band,
        cast(count(banded.submetric_score) as double)
        / sum(count(banded.submetric_score)) over (
            partition by dates.submetric, dates.observation_date
        ) as current_share
    from dates
    inner join bands
        on dates.submetric = bands.submetric
    left join banded
        on
            dates.submetric = banded.submetric
            and dates.observation_date = banded.observation_date
            and bands.score_band = banded.score_band
    group by dates.submetric, dates.observation_date, bands.score_band
),

psi as (
    select
        current_shares.submetric,
        current_shares.observation_date,
        sum(
            (
                greatest(current_shares.current_share, settings.psi_min_share)
                - greatest(baseline.baseline_share, settings.psi_min_share)
            )
            * ln(
                greatest(current_shares.current_share, settings.psi_min_share)
                / greatest(baseline.baseline_share, settings.psi_min_share)
            )
        ) as population_stability_index
    from current_shares
    inner join baseline
        on
            current_shares.submetric = baseline.submetric
            and current_shares.score_band = baseline.score_band
    cross join settings
    group by current_shares.submetric, current_shares.observation_date
),

means as (
    select
        submetric,
        observation_date,
        max(backtest_period) as backtest_period,
        count(*) as observations,
        avg(submetric_score) as mean_score
    from banded
    group by submetric, observation_date
),

final as (
    select
        means.submetric,
        means.observation_date,
        means.backtest_period,
        means.observations,
        means.mean_score,
        psi.population_stability_index,
        psi.population_stability_index > settings.psi_alert_above
            as has_drifted
    from means
    inner join psi
        on
            means.submetric = psi.submetric
            and means.observation_date = psi.observation_date
    cross join settings
)

select * from final
