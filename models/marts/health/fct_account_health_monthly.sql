{#- One row per account and month it is a customer at the month end (unique:
    account_id, month_start): ARR then and its tier (seed arr_tiers), the
    health score, tier and colour of the month-end day, whether it is at risk
    (score below kpi_settings.at_risk_below_score), its next renewal and
    whether that falls within kpi_settings.renewal_window_days of the month end
    (contracts of at least renewal_min_term_months: a monthly plan renews every
    month); segment and CSM for the executive cuts. The as-of month is measured
    on the as-of day. -#}
with settings as (
    select * from {{ ref('kpi_settings') }}
),

account_months as (
    select * from {{ ref('int_account_months') }}
    where is_active_end
),

health as (
    select
        account_id,
        date_day,
        health_score,
        health_tier,
        health_colour
    from {{ ref('fct_health_scores_daily') }}
),

final as (
    select
        account_months.account_id,
        account_months.month_start,
        account_months.month_end,
        account_months.is_partial_month,
        account_months.segment,
        account_months.csm_owner_id,
        account_months.csm_name,
        account_months.ending_mrr * 12 as arr,
        {{ band_label(
            'account_months.ending_mrr * 12', ref('arr_tiers'), 'arr_tier',
            'min_arr', 'max_arr'
        ) }} as arr_tier,
        health.health_score,
        health.health_tier,
        health.health_colour,
        coalesce(health.health_score < settings.at_risk_below_score, false)
            as is_at_risk,
        account_months.next_renewal_date,
        coalesce(
            account_months.contract_term_months
            >= settings.renewal_min_term_months
            and account_months.next_renewal_date <= {{ dbt.dateadd(
                'day', 'settings.renewal_window_days', 'account_months.month_end'
            ) }},
            false
        ) as renews_within_window
    from account_months
    cross join settings
    left join health
        on
            account_months.account_id = health.account_id
            and account_months.month_end = health.date_day
)

select * from final
