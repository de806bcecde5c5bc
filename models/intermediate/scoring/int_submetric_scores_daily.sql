{{ config(materialized='view') }}

-- depends_on: {{ ref('scoring_submetrics') }}
{#- One row per account, lifetime day and enabled sub-metric of the config
    set (unique: account_id, date_day, submetric): int_account_scores_daily
    unpivoted, with each scoring row's method and parameters beside it. A
    view: the marts and the validation read it for a few days only. -#}
{%- set rows = scoring_rows(var('scoring_config_set')) %}

with scores as (
    select * from {{ ref('int_account_scores_daily') }}
),

catalogue as (
    select * from {{ ref('scoring_submetrics') }}
    where config_set = '{{ var("scoring_config_set") }}' and is_enabled
),

long as (
    {%- for row in rows %}
    select
        account_id,
        date_day,
        segment,
        '{{ row.submetric }}' as submetric,
        {{ row.submetric }}__value as raw_value,
        {{ row.submetric }}__score as submetric_score,
        {{ row.submetric }}__window_full as is_window_full,
        {{ row.component }}__weight as component_weight,
        {{ row.submetric ~ '__trend' if row.method == 'trend_adjusted'
            else 'cast(null as double)' }} as trend_value,
        {{ 'normalisation_fit_date' if row.method in ('zscore', 'percentile')
            else 'cast(null as date)' }} as normalisation_fit_date
    from scores
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        account_id,
        date_day,
        segment,
        cast(null as {{ dbt.type_string() }}) as submetric,
        cast(null as double) as raw_value,
        cast(null as double) as submetric_score,
        cast(null as boolean) as is_window_full,
        cast(null as double) as component_weight,
        cast(null as double) as trend_value,
        cast(null as date) as normalisation_fit_date
    from scores
    where false
    {%- endfor %}
),

final as (
    select
        long.account_id,
        long.date_day,
        long.segment,
        catalogue.component,
        long.submetric,
        catalogue.method,
        long.raw_value,
        long.is_window_full,
        catalogue.trend_metric,
        long.trend_value,
        catalogue.weight as submetric_weight,
        long.component_weight,
        catalogue.target,
        catalogue.range_min,
        catalogue.range_max,
        catalogue.trend_factor,
        long.normalisation_fit_date,
        long.submetric_score
    from long
    inner join catalogue
        on long.submetric = catalogue.submetric
)

select * from final
