{#- The wide score rows of `scores` (a relation or CTE with the columns of
    int_account_scores_daily) unpivoted: one row per row of `scores` and
    enabled sub-metric of the config set in var scoring_config_set, with the
    scoring row's method and parameters. int_submetric_scores_daily is this
    over every account-day; a model that needs a few account-days filters
    `scores` first, since no engine carries a join's filter through the union
    of one select per sub-metric. -#}
{% macro submetric_scores_long(scores) %}
{%- set config_set = var('scoring_config_set') %}
{%- set rows = scoring_rows(config_set) %}
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
from (
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
    from {{ scores }}
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
    from {{ scores }}
    where false
    {%- endfor %}
) as long
inner join {{ ref('scoring_submetrics') }} as catalogue
    on
        long.submetric = catalogue.submetric
        and catalogue.config_set = '{{ config_set }}'
        and catalogue.is_enabled
{%- endmacro %}
