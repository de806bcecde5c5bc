{{ config(materialized='view') }}

{#- One row per config set and sub-metric it can score (primary key config_set,
    submetric), from account_daily_submetrics() and flat_export_submetrics().
    The catalogue seed is checked against it, so a seed-only build can tell a
    misspelt sub-metric. -#}
{%- set available = [] -%}
{%- for name in account_daily_submetrics() -%}
{%- do available.append(('account_daily', name)) -%}
{%- endfor -%}
{%- for name in flat_export_submetrics() -%}
{%- do available.append(('flat_export', name)) -%}
{%- endfor %}

with final as (
    {%- for config_set, name in available %}
    select
        '{{ config_set }}' as config_set,
        '{{ name }}' as submetric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
