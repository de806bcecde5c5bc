{{ config(materialized='view') }}

{#- One row per sub-metric config set account_daily can score (primary key
    submetric), from account_daily_submetrics(). The catalogue seed is checked
    against it, so a seed-only build can tell a misspelt sub-metric. -#}
with final as (
    {%- for name in account_daily_submetrics() %}
    select '{{ name }}' as submetric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
