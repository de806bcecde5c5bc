{{ config(materialized='view') }}

-- depends_on: {{ ref('metric_catalogue') }}
-- depends_on: {{ ref('scoring_submetrics') }}
{#- The metrics of the scoring config set, one row each (the wide
    int_account_metrics_daily unpivoted). -#}
{%- set names = config_set_metrics(var('scoring_config_set')) %}
{%- set plan = metric_plan(names) | selectattr('metric', 'in', names)
    | rejectattr('kind', 'equalto', 'export') | list %}

with metrics as (
    select * from {{ ref('int_account_metrics_daily') }}
),

final as (
    {%- for metric in plan %}
    select
        account_id,
        date_day,
        lifetime_day,
        '{{ metric.metric }}' as metric,
        {{ metric.metric }} as metric_value,
        lifetime_day >= {{ metric.required_days }} as is_window_full
    from metrics
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        account_id,
        date_day,
        lifetime_day,
        cast(null as {{ dbt.type_string() }}) as metric,
        cast(null as double) as metric_value,
        cast(null as boolean) as is_window_full
    from metrics
    where false
    {%- endfor %}
)

select * from final
