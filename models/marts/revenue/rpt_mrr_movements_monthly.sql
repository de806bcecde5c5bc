{#- One row per month and cut (unique: month_start, dimension, dimension_value;
    cuts from kpi_dimensions(): all accounts, segment, CSM): customers and MRR at
    the start and end of the month, the movements (new, expansion, contraction,
    churned, reactivation) and the month's rates: GRR = (start - contraction -
    churned) / start (never above 1), NRR = (start - contraction - churned +
    expansion) / start (reactivation is new business, not retention), logo
    retention = 1 - churned customers / customers at start, expansion rate =
    expansion / start. Rates are null when nothing was there at the start. -#}
with movements as (
    select * from {{ ref('fct_mrr_movements_monthly') }}
),

{%- set measures %}
        count(case when is_active_start then 1 end) as customers_start,
        count(case when movement = 'new' then 1 end) as new_customers,
        count(case when movement = 'reactivation' then 1 end)
            as reactivated_customers,
        count(case when movement = 'churn' then 1 end)
            as churned_customers,
        count(case when is_active_end then 1 end) as customers_end,
        sum(starting_mrr) as starting_mrr,
        sum(new_mrr) as new_mrr,
        sum(expansion_mrr) as expansion_mrr,
        sum(contraction_mrr) as contraction_mrr,
        sum(churned_mrr) as churned_mrr,
        sum(reactivation_mrr) as reactivation_mrr,
        sum(ending_mrr) as ending_mrr
{%- endset %}

cuts as (
    {%- for cut in kpi_dimensions() %}
    select
        month_start,
        max(month_end) as month_end,
        bool_or(is_partial_month) as is_partial_month,
        '{{ cut.name }}' as dimension,
        {{ cut.value }} as dimension_value,
        max({{ cut.label }}) as dimension_label,
        {{ measures }}
    from movements
    group by month_start, {{ cut.value }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        *,
        ending_mrr * 12 as ending_arr,
        cast(starting_mrr - contraction_mrr - churned_mrr as double)
        / nullif(cast(starting_mrr as double), 0) as gross_revenue_retention,
        cast(
            starting_mrr - contraction_mrr - churned_mrr + expansion_mrr
            as double
        )
        / nullif(cast(starting_mrr as double), 0) as net_revenue_retention,
        1 - cast(churned_customers as double)
        / nullif(customers_start, 0) as logo_retention,
        cast(expansion_mrr as double)
        / nullif(cast(starting_mrr as double), 0) as expansion_rate
    from cuts
)

select * from final
