{{ config(materialized='view') }}

-- depends_on: {{ ref('scoring_submetrics') }}
{#- One row per refit date, fitted sub-metric of the config set (method
    zscore or percentile) and paying account-day of the fit's reference
    period (the normalisation_settings.reference_days ending on the refit
    date) with a value (unique: fit_date, submetric, account_id, date_day):
    the population each fit is made from. Every value is dated on or before
    the refit date. The fitted sub-metrics are read from the seed when the
    model compiles and written as a list, so that only their branches of the
    unpivoted metrics are read; with none, the filter is false and the engine
    reads nothing. -#}
{%- set fitted = scoring_rows(var('scoring_config_set'))
    | selectattr('method', 'in', ['zscore', 'percentile'])
    | map(attribute='submetric') | list %}

with settings as (
    select * from {{ ref('normalisation_settings') }}
),

refits as (
    select * from {{ ref('int_normalisation_refit_dates') }}
),

metric_values as (
    select * from {{ ref('int_account_metric_values') }}
    where
        {{ text_in('metric', fitted) }}
        and metric_value is not null
),

paying_days as (
    select
        account_id,
        date_day
    from {{ ref('int_account_days_spined') }}
    where mrr > 0
),

final as (
    select
        refits.fit_date,
        metric_values.metric as submetric,
        metric_values.account_id,
        metric_values.date_day,
        metric_values.metric_value as raw_value
    from refits
    cross join settings
    inner join metric_values
        on
            refits.fit_date >= metric_values.date_day
            and metric_values.date_day > {{ dbt.dateadd(
                'day', '-settings.reference_days', 'refits.fit_date'
            ) }}
    inner join paying_days
        on
            metric_values.account_id = paying_days.account_id
            and metric_values.date_day = paying_days.date_day
)

select * from final
