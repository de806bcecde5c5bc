{#- One row per backtest period and horizon bucket (unique: backtest_period,
    bucket_end_days; buckets between the lags of seed validation_lags: churn
    in 1-30, 31-60, 61-90 days): how far ahead the score sees. Over every
    scored observation still a customer at the bucket's start whose bucket
    has ended by the as-of day: observations, churners in the bucket, their
    churn rate, the AUC of the score against churning in the bucket and the
    top-decile lift. -#}
with settings as (
    select * from {{ ref('validation_settings') }}
),

buckets as (
    select
        coalesce(
            lag(lag_days) over (order by lag_days), 0
        ) as bucket_start_days,
        lag_days as bucket_end_days
    from {{ ref('validation_lags') }}
),

bucket_rows as (
    select
        observations.backtest_period,
        buckets.bucket_start_days,
        buckets.bucket_end_days,
        observations.account_id,
        observations.observation_date,
        observations.health_score,
        coalesce(
            observations.days_to_churn <= buckets.bucket_end_days, false
        ) as churned_in_bucket
    from {{ ref('val_backtest_observations') }} as observations
    cross join buckets
    where
        observations.health_score is not null
        and observations.backtest_period in ('fit', 'evaluation')
        and {{ dbt.dateadd(
            'day', 'buckets.bucket_end_days', 'observations.observation_date'
        ) }} <= {{ as_of_date() }}
        and coalesce(
            observations.days_to_churn > buckets.bucket_start_days, true
        )
),

ranked as (
    select
        bucket_rows.*,
        {{ riskiest_first_decile(
            ['bucket_rows.backtest_period', 'bucket_rows.bucket_end_days'],
            'bucket_rows.health_score',
            ['bucket_rows.account_id', 'bucket_rows.observation_date'],
            'settings.decile_count'
        ) }} as risk_decile
    from bucket_rows
    cross join settings
),

auc as (
    {{ roc_auc(
        'bucket_rows',
        ['backtest_period', 'bucket_end_days'],
        'health_score',
        'churned_in_bucket'
    ) }}
),

summary as (
    select
        backtest_period,
        bucket_end_days,
        max(bucket_start_days) as bucket_start_days,
        count(*) as observations,
        count(case when churned_in_bucket then 1 end) as churners,
        cast(
            count(case when risk_decile = 1 and churned_in_bucket then 1 end)
            as double
        )
        / nullif(count(case when risk_decile = 1 then 1 end), 0)
            as top_decile_churn_rate
    from ranked
    group by backtest_period, bucket_end_days
),

final as (
    select
        summary.backtest_period,
        summary.bucket_start_days + 1 as bucket_start_days,
        summary.bucket_end_days,
        summary.observations,
        summary.churners,
        cast(summary.churners as double) / summary.observations as churn_rate,
        auc.auc,
        summary.top_decile_churn_rate
        / nullif(cast(summary.churners as double) / summary.observations, 0)
            as top_decile_lift
    from summary
    left join auc
        on
            summary.backtest_period = auc.backtest_period
            and summary.bucket_end_days = auc.bucket_end_days
)

select * from final
