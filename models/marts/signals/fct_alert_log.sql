{#- One row per alert (primary key alert_id): a risk signal or combination
    that became active, or a move into a worse health tier, on started_on -
    not one per day it stays on. It clears the first day the condition no
    longer holds (cleared_on; null while open on the as-of day). A return
    within the signal's cooldown_days of clearing reopens the same alert
    (times_reopened counts them) rather than raising a new one, so a metric
    hovering at its threshold does not flood the CSM. Each alert
    carries its severity, the routing of that severity (seed
    signal_severities: escalation level and who is told), the owner and the
    SLA due time counted from the end of the day it started, the evidence on
    that day and the first step of its playbook. The alert days and where
    each alert starts are fct_alert_days' (incremental by day); the log groups
    them by alert on every run, so building the same day twice gives the same
    rows. -#}
{#- fct_alert_days is read twice, not through one CTE that DuckDB would
    store whole (every column of every alert day); the second read keeps the
    alerts' first days only. -#}
with alerts as (
    select
        account_id,
        signal,
        started_on,
        max(date_day) as last_active_on,
        count(*) as active_days,
        count(case when is_return then 1 end) as times_reopened
    from {{ ref('fct_alert_days') }}
    group by account_id, signal, started_on
),

first_days as (
    select
        alert_days.*,
        alerts.last_active_on,
        alerts.active_days,
        alerts.times_reopened
    from {{ ref('fct_alert_days') }} as alert_days
    inner join alerts
        on
            alert_days.account_id = alerts.account_id
            and alert_days.signal = alerts.signal
            and alert_days.date_day = alerts.started_on
    where alert_days.date_day = alert_days.started_on
),

severities as (
    select * from {{ ref('signal_severities') }}
),

playbook_first_steps as (
    select
        playbook,
        timing || ': ' || action as recommended_action
    from {{ ref('playbooks') }}
    where step = 1
),

final as (
    select
        {{ dbt.hash(
            "first_days.account_id || '|' || first_days.signal || '|' || "
            ~ "cast(first_days.date_day as " ~ dbt.type_string() ~ ")"
        ) }} as alert_id,
        first_days.account_id,
        first_days.signal,
        first_days.signal_kind,
        first_days.category,
        first_days.severity,
        severities.severity_rank,
        severities.escalation_level,
        severities.routes_to,
        first_days.owner,
        cast(first_days.date_day as date) as started_on,
        {{ dbt.dateadd(
            'hour', 'first_days.sla_hours',
            dbt.dateadd('day', 1, 'cast(first_days.date_day as timestamp)')
        ) }} as sla_due_at,
        case
            when first_days.last_active_on < {{ as_of_date() }}
                then cast(
                    {{ dbt.dateadd('day', 1, 'first_days.last_active_on') }}
                    as date
                )
        end as cleared_on,
        first_days.last_active_on >= {{ as_of_date() }} as is_open,
        first_days.active_days,
        first_days.times_reopened,
        first_days.evidence,
        first_days.playbook,
        playbook_first_steps.recommended_action
    from first_days
    inner join severities
        on first_days.severity = severities.severity
    left join playbook_first_steps
        on first_days.playbook = playbook_first_steps.playbook
)

select * from final
