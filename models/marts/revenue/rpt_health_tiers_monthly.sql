{#- One row per month, cut (all accounts, segment, CSM) and health tier
    (unique: month_start, dimension, dimension_value, health_tier; 'unscored'
    for customers without a score that day): customers and ARR in the tier,
    their shares of the cut, and those renewing within
    kpi_settings.renewal_window_days with their ARR. -#}
with account_months as (
    select
        *,
        coalesce(health_tier, 'unscored') as tier
    from {{ ref('fct_account_health_monthly') }}
),

cuts as (
    {%- for cut in kpi_dimensions() %}
    select
        month_start,
        max(month_end) as month_end,
        bool_or(is_partial_month) as is_partial_month,
        '{{ cut.name }}' as dimension,
        {{ cut.value }} as dimension_value,
        max({{ cut.label }}) as dimension_label,
        tier as health_tier,
        count(*) as customers,
        sum(arr) as arr,
        count(case when renews_within_window then 1 end)
            as renewing_customers,
        sum(case when renews_within_window then arr else 0 end)
            as renewing_arr
    from account_months
    group by month_start, {{ cut.value }}, tier
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        *,
        cast(customers as double) / sum(customers) over (
            partition by month_start, dimension, dimension_value
        ) as share_of_customers,
        cast(arr as double) / nullif(cast(sum(arr) over (
            partition by month_start, dimension, dimension_value
        ) as double), 0) as share_of_arr
    from cuts
)

select * from final
