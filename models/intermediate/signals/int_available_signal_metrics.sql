{{ config(materialized='view') }}

{#- One row per metric a risk signal can test (primary key metric), from the
    macro signal_metrics(), and whether it is measured over a window (a
    signal on it needs window_days). The signal seed is checked against it,
    so a seed-only build can tell a misspelt metric or a missing window. -#}
with final as (
    {%- for name, metric in signal_metrics().items() %}
    select
        '{{ name }}' as metric,
        {{ metric.windowed }} as is_windowed
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
