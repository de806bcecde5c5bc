{#- One row per month and cut (unique: month_start, dimension, dimension_value;
    all accounts, each segment, each CSM's portfolio): the month's retention
    and revenue (GRR, NRR, logo retention, expansion rate, churned and
    contracted MRR, ARR at the end) from rpt_mrr_movements_monthly, the health
    of the customers at the month end (mean score, at-risk customers and ARR
    below kpi_settings.at_risk_below_score and its share of ARR, renewals within
    the window and their at-risk ARR), and for the headline KPIs the prior
    month's value and the change. -#}
{%- set tracked = [
    'gross_revenue_retention', 'net_revenue_retention', 'logo_retention',
    'expansion_rate', 'ending_arr', 'mean_health_score', 'at_risk_arr_share',
] %}

with movements as (
    select * from {{ ref('rpt_mrr_movements_monthly') }}
),

account_months as (
    select * from {{ ref('fct_account_health_monthly') }}
),

health_cuts as (
    {%- for cut in kpi_dimensions() %}
    select
        month_start,
        '{{ cut.name }}' as dimension,
        {{ cut.value }} as dimension_value,
        {{ exact_mean('health_score') }} as mean_health_score,
        count(health_score) as scored_customers,
        count(case when is_at_risk then 1 end) as at_risk_customers,
        sum(case when is_at_risk then arr else 0 end) as at_risk_arr,
        sum(arr) as customer_arr,
        count(case when renews_within_window then 1 end)
            as renewing_customers,
        sum(case when renews_within_window then arr else 0 end)
            as renewing_arr,
        sum(case when renews_within_window and is_at_risk then arr else 0 end)
            as renewing_at_risk_arr
    from account_months
    group by month_start, {{ cut.value }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

joined as (
    select
        movements.month_start,
        movements.month_end,
        movements.is_partial_month,
        movements.dimension,
        movements.dimension_value,
        movements.dimension_label,
        movements.customers_start,
        movements.customers_end,
        movements.churned_customers,
        movements.starting_mrr,
        movements.expansion_mrr,
        movements.contraction_mrr,
        movements.churned_mrr,
        movements.ending_mrr,
        movements.ending_arr,
        movements.gross_revenue_retention,
        movements.net_revenue_retention,
        movements.logo_retention,
        movements.expansion_rate,
        health_cuts.mean_health_score,
        coalesce(health_cuts.scored_customers, 0) as scored_customers,
        coalesce(health_cuts.at_risk_customers, 0) as at_risk_customers,
        coalesce(health_cuts.at_risk_arr, 0) as at_risk_arr,
        cast(health_cuts.at_risk_arr as double)
        / nullif(cast(health_cuts.customer_arr as double), 0)
            as at_risk_arr_share,
        coalesce(health_cuts.renewing_customers, 0) as renewing_customers,
        coalesce(health_cuts.renewing_arr, 0) as renewing_arr,
        coalesce(health_cuts.renewing_at_risk_arr, 0) as renewing_at_risk_arr
    from movements
    left join health_cuts
        on
            movements.month_start = health_cuts.month_start
            and movements.dimension = health_cuts.dimension
            and movements.dimension_value = health_cuts.dimension_value
),

final as (
    select
        joined.*,
    {%- for kpi in tracked %}
    lag({{ kpi }}) over by_cut as {{ kpi }}_prior,
    {{ kpi }} - lag({{ kpi }}) over by_cut as {{ kpi }}_change
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
    from joined
    window by_cut as (
        partition by dimension, dimension_value order by month_start
    )
)

select * from final
