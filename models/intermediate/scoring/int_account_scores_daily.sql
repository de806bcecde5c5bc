-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('scoring_submetrics') }}
-- depends_on: {{ ref('metric_catalogue') }}
-- depends_on: {{ ref('scoring_bands') }}
-- depends_on: {{ ref('int_metric_normalisation_fits') }}
-- depends_on: {{ ref('int_metric_reference_values') }}
-- depends_on: {{ ref('int_normalisation_refit_dates') }}
-- depends_on: {{ ref('normalisation_settings') }}
{#- Columns generated from the enabled scoring rows of the config set.
    Incremental by day (docs/DEFINITIONS.md 6): a day's scores read only that
    day's metrics and the fits in force. Sub-metric, component and health
    scores are rounded to 9 decimals (each from the rounded ones below it), so
    two builds of the same data store the same rows bit for bit. -#}
{%- set config_set = var('scoring_config_set') %}
{%- set rows = scoring_rows(config_set) %}
{%- set plan = metric_plan(config_set_metrics(config_set)) %}
{%- set required = {} %}
{%- set signs = {} %}
{%- for metric in plan %}
    {%- do required.update({metric.metric: metric.required_days}) %}
    {%- do signs.update(
        {metric.metric: -1 if metric.direction == 'lower_is_better' else 1}
    ) %}
{%- endfor %}
{%- set fitted = rows | selectattr('method', 'in', ['zscore', 'percentile'])
    | list %}
{%- set percentiles = rows | selectattr('method', 'equalto', 'percentile')
    | list %}
{%- set used = rows | map(attribute='component') | list %}
{%- set components = score_components() | select('in', used) | list %}

with metrics as (
    select * from {{ ref('int_account_metrics_daily') }}
    where {{ recomputed_days('date_day') }}
),

accounts as (
    select
        account_id,
        segment
    from {{ ref('stg_crm__accounts') }}
),

segment_weights as (
    select
        assigned.segment,
        {%- for component in components %}
        max(
            case
                when weight_sets.component = '{{ component }}'
                    then weight_sets.weight
            end
        ) as {{ component }}__weight,
        {%- endfor %}
        count(*) as weight_rows
    from {{ ref('scoring_segment_weight_sets') }} as assigned
    inner join {{ ref('scoring_weight_sets') }} as weight_sets
        on assigned.weight_set = weight_sets.weight_set
    where assigned.config_set = '{{ config_set }}'
    group by assigned.segment
),
{%- if fitted %}

day_fits as (
    select
        days.date_day,
        refits.fit_date
    from (select distinct date_day from metrics) as days
    inner join {{ ref('int_normalisation_refit_dates') }} as refits
        on
            days.date_day >= refits.fit_date
            and (
                refits.next_fit_date is null
                or days.date_day < refits.next_fit_date
            )
),

fits as (
    select
        fit_date,
        {%- for row in fitted %}
        max(case when submetric = '{{ row.submetric }}' then applied_transform end)
            as {{ row.submetric }}__transform,
        max(case when submetric = '{{ row.submetric }}' then transformed_mean end)
            as {{ row.submetric }}__mean,
        max(case when submetric = '{{ row.submetric }}' then transformed_sd end)
            as {{ row.submetric }}__sd,
        coalesce(bool_or(
            case when submetric = '{{ row.submetric }}' then is_usable end
        ), false) as {{ row.submetric }}__is_usable,
        {%- endfor %}
        count(*) as fitted_submetrics
    from {{ ref('int_metric_normalisation_fits') }}
    group by fit_date
),
{%- endif %}
{%- for row in percentiles %}

{{ row.submetric }}__pool as (
    select
        fit_date,
        raw_value,
        1 as is_reference,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as date) as date_day
    from {{ ref('int_metric_reference_values') }}
    where submetric = '{{ row.submetric }}'
    union all
    select
        day_fits.fit_date,
        metrics.{{ row.submetric }} as raw_value,
        0 as is_reference,
        metrics.account_id,
        metrics.date_day
    from metrics
    inner join day_fits
        on metrics.date_day = day_fits.date_day
    inner join fits
        on day_fits.fit_date = fits.fit_date
    where
        metrics.{{ row.submetric }} is not null
        and fits.{{ row.submetric }}__is_usable
),

{{ row.submetric }}__percentile as (
    select
        account_id,
        date_day,
        100.0 * (
            (references_up_to - references_equal / 2.0) / references_all - 0.5
        ) * {{ signs[row.submetric] }} + 50 as population_score
    from (
        select
            *,
            sum(is_reference) over (
                partition by fit_date
                order by raw_value
                range between unbounded preceding and current row
            ) as references_up_to,
            sum(is_reference) over (
                partition by fit_date, raw_value
            ) as references_equal,
            sum(is_reference) over (partition by fit_date) as references_all
        from {{ row.submetric }}__pool
    ) as ranked
    where is_reference = 0
),
{%- endfor %}

scored as (
    select
        metrics.account_id,
        metrics.date_day,
        metrics.lifetime_day,
        accounts.segment,
        {%- for component in components %}
        segment_weights.{{ component }}__weight,
        {%- endfor %}
        {%- for row in rows %}
        metrics.{{ row.submetric }} as {{ row.submetric }}__value,
        {%- if row.method == 'trend_adjusted' %}
        metrics.{{ row.trend_metric }} as {{ row.submetric }}__trend,
        {%- endif %}
        round(
            cast({{ wide_submetric_score(row, signs[row.submetric]) }} as double),
            9
        ) as {{ row.submetric }}__score,
        metrics.lifetime_day >= {{ required[row.submetric] }}
            as {{ row.submetric }}__window_full,
        {%- endfor %}
        {{ 'day_fits.fit_date' if fitted else 'cast(null as date)' }}
            as normalisation_fit_date
    from metrics
    inner join accounts
        on metrics.account_id = accounts.account_id
    inner join segment_weights
        on accounts.segment = segment_weights.segment
    {%- if fitted %}
    left join day_fits
        on metrics.date_day = day_fits.date_day
    left join fits
        on day_fits.fit_date = fits.fit_date
    cross join {{ ref('normalisation_settings') }} as normalisation
    {%- endif %}
    {%- for row in percentiles %}
    left join {{ row.submetric }}__percentile
        on
            metrics.account_id = {{ row.submetric }}__percentile.account_id
            and metrics.date_day = {{ row.submetric }}__percentile.date_day
    {%- endfor %}
),

components as (
    select
        scored.*,
        {%- for component in components %}
        {%- set pairs = [] %}
        {%- for row in rows if row.component == component %}
            {%- do pairs.append([row.submetric ~ '__score', row.weight]) %}
        {%- endfor %}
        round({{ weighted_mean_columns(pairs) }}, 9) as {{ component }}_score,
        {{ present_weight_columns(pairs) }} as {{ component }}__present_weight,
        {%- endfor %}
        0 as no_component
    from scored
),

composite as (
    select
        components.*,
        {%- set pairs = [] %}
        {%- for component in components %}
            {%- do pairs.append([component ~ '_score', component ~ '__weight']) %}
        {%- endfor %}
        round({{ weighted_mean_columns(pairs) }}, 9) as health_score,
        {{ present_weight_columns(pairs) }} as present_component_weight
    from components
),

final as (
    select
        account_id,
        date_day,
        lifetime_day,
        segment,
        health_score,
        {%- for component in score_components() %}
        {%- if component in components %}
        {{ component }}_score,
        {%- else %}
        cast(null as double) as {{ component }}_score,
        {%- endif %}
        {%- endfor %}
        {%- if components %}
        (
            {%- for component in components %}
            {%- set total = rows | selectattr('component', 'equalto', component)
                | map(attribute='weight') | sum %}
            {{ component }}__weight * {{ component }}__present_weight
            / nullif({{ total }}, 0)
            {%- if not loop.last %} + {% endif %}
            {%- endfor %}
        ) / nullif(
            {%- for component in components %}
            {{ component }}__weight{% if not loop.last %} + {% endif %}
            {%- endfor %}, 0
        ) as coverage,
        (
            {%- for row in rows %}
            case
                when {{ row.submetric }}__score is not null
                    and {{ row.submetric }}__window_full
                    then {{ row.weight }}
                    / nullif({{ row.component }}__present_weight, 0)
                    * {{ row.component }}__weight
                else 0
            end{% if not loop.last %} +{% endif %}
            {%- endfor %}
        ) / nullif(present_component_weight, 0) as full_window_share,
        {%- else %}
        cast(null as double) as coverage,
        cast(null as double) as full_window_share,
        {%- endif %}
        normalisation_fit_date,
        {%- for component in components %}
        {{ component }}__weight,
        {%- endfor %}
        {%- for row in rows %}
        {{ row.submetric }}__value,
        {%- if row.method == 'trend_adjusted' %}
        {{ row.submetric }}__trend,
        {%- endif %}
        {{ row.submetric }}__score,
        {{ row.submetric }}__window_full,
        {%- endfor %}
        present_component_weight
    from composite
)

select * from final
