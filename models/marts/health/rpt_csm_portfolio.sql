{#- One row per CSM with customers on the as-of day (primary key csm_owner_id;
    'unassigned' for accounts without one): the portfolio view of source
    document 004 - customers, ARR, mean health; customers, ARR and share by
    colour; improving, stable and declining customers by 30-day velocity band
    with their mean change; renewals within kpi_settings.renewal_window_days
    of contracts of at least renewal_min_term_months (customers, ARR, of them
    red); at-risk ARR; and the red accounts with the
    most ARR, in words. -#}
with settings as (
    select * from {{ ref('kpi_settings') }}
),

accounts as (
    select
        dim.account_id,
        dim.account_name,
        coalesce(dim.csm_owner_id, 'unassigned') as csm_owner_id,
        coalesce(dim.csm_name, 'no CSM') as csm_name,
        dim.current_arr as arr,
        dim.renewal_date,
        health.health_score,
        health.health_colour,
        health.velocity_band,
        health.health_score - health.health_score_30d_ago as change_30d,
        health.is_at_risk,
        coalesce(
            {{ billing_interval_months('dim.billing_interval') }}
            >= settings.renewal_min_term_months
            and dim.renewal_date <= {{ dbt.dateadd(
                'day', 'settings.renewal_window_days', as_of_date()
            ) }},
            false
        ) as renews_within_window,
        {{ dbt.datediff(as_of_date(), 'dim.renewal_date', 'day') }}
            as days_to_renewal
    from {{ ref('dim_accounts') }} as dim
    inner join {{ ref('rpt_account_health') }} as health
        on dim.account_id = health.account_id
    cross join settings
),

ranked_red as (
    select
        *,
        row_number() over (
            partition by csm_owner_id order by arr desc, account_id asc
        ) as red_rank
    from accounts
    where health_colour = 'red'
),

red_accounts as (
    select
        csm_owner_id,
        {{ dbt.listagg(
            "account_name || ' (' || cast(cast(round(arr / 1000, 0) as bigint)"
            ~ " as " ~ dbt.type_string() ~ ") || 'k ARR, renews in '"
            ~ " || cast(days_to_renewal as " ~ dbt.type_string() ~ ")"
            ~ " || ' days)'",
            "'; '", 'order by red_rank'
        ) }} as largest_red_accounts
    from ranked_red
    where red_rank <= 3
    group by csm_owner_id
),

portfolios as (
    select
        csm_owner_id,
        max(csm_name) as csm_name,
        count(*) as customers,
        sum(arr) as arr,
        {{ exact_mean('health_score') }} as mean_health_score,
        {%- for colour in ['green', 'yellow', 'red'] %}
        count(case when health_colour = '{{ colour }}' then 1 end)
            as {{ colour }}_customers,
        sum(case when health_colour = '{{ colour }}' then arr else 0 end)
            as {{ colour }}_arr,
        {%- endfor %}
        count(case when velocity_band like 'improving%' then 1 end)
            as improving_customers,
        {{ exact_mean(
            "case when velocity_band like 'improving%' then change_30d end"
        ) }} as improving_mean_change_30d,
        count(case when velocity_band = 'stable' then 1 end)
            as stable_customers,
        count(case when velocity_band like 'declining%' then 1 end)
            as declining_customers,
        {{ exact_mean(
            "case when velocity_band like 'declining%' then change_30d end"
        ) }} as declining_mean_change_30d,
        count(case when renews_within_window then 1 end)
            as renewing_customers,
        sum(case when renews_within_window then arr else 0 end)
            as renewing_arr,
        count(
            case
                when renews_within_window and health_colour = 'red' then 1
            end
        ) as renewing_red_customers,
        sum(case when is_at_risk then arr else 0 end) as at_risk_arr
    from accounts
    group by csm_owner_id
),

final as (
    select
        {{ as_of_date() }} as as_of_date,
        portfolios.*,
        cast(portfolios.red_customers as double) / portfolios.customers
            as red_share,
        red_accounts.largest_red_accounts
    from portfolios
    left join red_accounts
        on portfolios.csm_owner_id = red_accounts.csm_owner_id
)

select * from final
