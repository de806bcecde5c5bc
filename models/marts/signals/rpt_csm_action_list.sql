{#- One row per alert open on the as-of day that a person must act on
    (primary key alert_id; alerts routed only to the dashboard are left out):
    the CSM's daily action list. Each row has the account, its ARR, the
    ARR at risk (the account's ARR when the alert's severity puts it at risk,
    seed signal_severities.puts_arr_at_risk, or the account scores below
    kpi_settings.at_risk_below_score; else 0), the evidence as it stands
    today, the SLA due time with the hours left from the end of the as-of day,
    the first CSM touch on the account since the alert started (a held
    meeting or QBR, an e-mail sent or answered: the CRM's record that
    someone reached out), overdue when the SLA has passed with no touch, and
    the first playbook step. priority_rank orders
    each CSM's list: most ARR at risk first, then the earliest SLA, then the
    most severe. -#}
with open_alerts as (
    select * from {{ ref('fct_alert_log') }}
    where is_open and escalation_level > 0
),

today_signals as (
    select
        account_id,
        signal,
        evidence
    from {{ ref('fct_account_signals_daily') }}
    where date_day = {{ as_of_date() }}
),

severities as (
    select * from {{ ref('signal_severities') }}
),

touches as (
    select
        account_id,
        coalesce(completed_at, scheduled_at) as touched_at
    from {{ ref('stg_crm__activities') }}
    where
        activity_status in ('held', 'sent', 'replied')
        and coalesce(completed_at, scheduled_at) < {{ as_of_day_end() }}
),

first_touches as (
    select
        open_alerts.alert_id,
        min(touches.touched_at) as first_touch_at
    from open_alerts
    inner join touches
        on
            open_alerts.account_id = touches.account_id
            and touches.touched_at >= cast(open_alerts.started_on as timestamp)
    group by open_alerts.alert_id
),

accounts as (
    select
        customers.account_id,
        customers.account_name,
        customers.segment,
        customers.csm_owner_id,
        customers.csm_name,
        dim_accounts.cs_manager_name,
        customers.arr,
        health.health_score,
        health.is_at_risk
    from {{ ref('rpt_customer_360') }} as customers
    inner join {{ ref('dim_accounts') }} as dim_accounts
        on customers.account_id = dim_accounts.account_id
    left join {{ ref('rpt_account_health') }} as health
        on customers.account_id = health.account_id
),

joined as (
    select
        cast({{ as_of_date() }} as date) as as_of_date,
        accounts.csm_owner_id,
        accounts.csm_name,
        accounts.cs_manager_name,
        open_alerts.account_id,
        accounts.account_name,
        accounts.segment,
        coalesce(accounts.arr, 0) as arr,
        accounts.health_score,
        coalesce(accounts.is_at_risk, false) as is_account_at_risk,
        case
            when severities.puts_arr_at_risk or accounts.is_at_risk
                then coalesce(accounts.arr, 0)
            else 0
        end as arr_at_risk,
        open_alerts.alert_id,
        open_alerts.signal,
        open_alerts.signal_kind,
        open_alerts.category,
        open_alerts.severity,
        open_alerts.severity_rank,
        open_alerts.owner,
        open_alerts.routes_to,
        open_alerts.started_on,
        {{ dbt.datediff('open_alerts.started_on', as_of_date(), 'day') }}
            as days_open,
        coalesce(today_signals.evidence, open_alerts.evidence) as evidence,
        open_alerts.sla_due_at,
        {{ dbt.datediff(
            as_of_day_end(), 'open_alerts.sla_due_at', 'hour'
        ) }} as hours_to_sla_due,
        first_touches.first_touch_at,
        open_alerts.playbook,
        open_alerts.recommended_action
    from open_alerts
    inner join severities
        on open_alerts.severity = severities.severity
    left join accounts
        on open_alerts.account_id = accounts.account_id
    left join today_signals
        on
            open_alerts.account_id = today_signals.account_id
            and open_alerts.signal = today_signals.signal
    left join first_touches
        on open_alerts.alert_id = first_touches.alert_id
),

final as (
    select
        *,
        hours_to_sla_due < 0 and first_touch_at is null as is_overdue,
        first_touch_at is not null and first_touch_at <= sla_due_at
            as is_touched_within_sla,
        row_number() over (
            partition by csm_owner_id
            order by
                arr_at_risk desc, sla_due_at asc, severity_rank asc,
                account_id asc, signal asc
        ) as priority_rank
    from joined
)

select * from final
