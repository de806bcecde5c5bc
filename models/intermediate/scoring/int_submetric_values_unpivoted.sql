{{ config(materialized='view') }}

{#- One row per account, lifetime day and account-day sub-metric (unique:
    account_id, date_day, submetric) with its raw value (null = no data) and
    its value 30 days earlier; the sub-metrics and their
    expressions come from the macro account_daily_submetrics(). -#}
{%- set submetrics = account_daily_submetrics() -%}

with windowed as (
    select
        *,
        min(date_day) over (partition by account_id) as first_day
    from {{ ref('int_account_days_windowed') }}
),

catalogue as (
    select count(distinct feature_name) as features_available
    from {{ ref('stg_product__features') }}
    where not is_login_event
),

wide as (
    select
        windowed.account_id,
        windowed.date_day,
    {%- for name, expression in submetrics.items() %}
    cast({{ expression }} as double)
        as {{ name }}
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
    from windowed
    cross join catalogue
),

long as (
    {%- for name in submetrics %}
    select
        account_id,
        date_day,
        '{{ name }}' as submetric,
        {{ name }} as raw_value
    from wide
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        *,
        lag(raw_value, 30) over (
            partition by account_id, submetric order by date_day
        ) as raw_value_30d_ago
    from long
)

select * from final
