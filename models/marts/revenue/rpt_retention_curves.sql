{#- One row per curve (all accounts, each segment, each ARR tier of the
    account's first month, seed arr_tiers) and month since signup (unique:
    curve_dimension, curve_value, months_since_start), pooling every signup
    cohort whose month N has ended by the as-of day: accounts observed at N (the
    curve's cohort size there), accounts active at the end of month N (month 0
    counts all), logo retention, MRR at month 0 and month N of those accounts,
    net and gross revenue retention. -#}
with account_months as (
    select * from {{ ref('int_account_months') }}
),

starts as (
    select
        account_id,
        ending_mrr as account_starting_mrr,
        {{ band_label(
            'ending_mrr * 12', ref('arr_tiers'), 'arr_tier',
            'min_arr', 'max_arr'
        ) }} as arr_tier
    from account_months
    where months_since_start = 0
),

observed as (
    select
        account_months.*,
        starts.account_starting_mrr,
        starts.arr_tier
    from account_months
    inner join starts
        on account_months.account_id = starts.account_id
    where not account_months.is_partial_month
),

{%- set curves = [
    ['all', "'all accounts'"],
    ['segment', 'segment'],
    ['arr_tier', 'arr_tier'],
] %}

cells as (
    {%- for name, value in curves %}
    select
        '{{ name }}' as curve_dimension,
        {{ value }} as curve_value,
        months_since_start,
        count(*) as observed_accounts,
        count(
            case when months_since_start = 0 or is_active_end then 1 end
        ) as retained_accounts,
        sum(account_starting_mrr) as starting_mrr,
        sum(ending_mrr) as ending_mrr,
        sum(case
            when ending_mrr < account_starting_mrr then ending_mrr
            else account_starting_mrr
        end) as retained_mrr_capped
    from observed
    group by {{ value }}, months_since_start
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        *,
        cast(retained_accounts as double) / observed_accounts
            as logo_retention,
        cast(ending_mrr as double) / nullif(cast(starting_mrr as double), 0)
            as net_revenue_retention,
        cast(retained_mrr_capped as double)
        / nullif(cast(starting_mrr as double), 0) as gross_revenue_retention
    from cells
)

select * from final
