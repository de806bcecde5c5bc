{{ config(materialized='view') }}

{#- One row per metric a risk signal can test (primary key metric), from the
    macro signal_metrics(). The signal seed is checked against it, so a
    seed-only build can tell a misspelt metric. -#}
with final as (
    {%- for name in signal_metrics() %}
    select '{{ name }}' as metric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
