{{ config(materialized='view') }}

{#- One row per config set and sub-metric it can score (primary key config_set,
    submetric): every config set that scoring_segment_weight_sets assigns
    weights to, other than flat_export, scores accounts from the account-day
    layer, so it can use every name of account_daily_submetrics()
    (account_daily always can); flat_export can use flat_export_submetrics(). The catalogue seed is checked against it, so a
    seed-only build can tell a misspelt sub-metric. -#}
with account_day_sets as (
    select 'account_daily' as config_set
    union
    select config_set from {{ ref('scoring_segment_weight_sets') }}
    where config_set != 'flat_export'
),

account_day_submetrics as (
    {%- for name in account_daily_submetrics() %}
    select '{{ name }}' as submetric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        account_day_sets.config_set,
        account_day_submetrics.submetric
    from account_day_sets
    cross join account_day_submetrics
    {%- for name in flat_export_submetrics() %}
    union all
    select
        'flat_export' as config_set,
        '{{ name }}' as submetric
    {%- endfor %}
)

select * from final
