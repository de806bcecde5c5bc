{#- One row per account scored on the as-of day (primary key account_id): the
    risk card a CSM opens (source document 004, example 1). Account, ARR, CSM
    and manager, renewal date; the score now and 30 days ago, tier and
    velocity; the risk level of the escalation path; the signals active today,
    the most severe first (at most driver_settings.max_drivers of them in
    top_risk_signals, each with its severity and evidence); the sub-metric risk
    drivers and positive indicators in words (rpt_account_health); and the
    recommended actions in priority order (the first step of the playbook of
    each active signal and of the risk level, most severe first, then the
    shortest SLA, each playbook once); and the open and overdue actions of
    the CSM action list. -#}
with health as (
    select * from {{ ref('rpt_account_health') }}
),

settings as (
    select * from {{ ref('driver_settings') }}
),

severities as (
    select * from {{ ref('signal_severities') }}
),

risk_levels as (
    select
        health.account_id,
        escalation.risk_level,
        escalation.severity,
        escalation.sla_hours,
        escalation.action as playbook
    from health
    inner join {{ ref('escalation_path') }} as escalation
        on {{ in_band(
            'health.health_score', 'escalation.min_score',
            'escalation.max_score'
        ) }}
),

today_signals as (
    select
        signals.account_id,
        signals.signal,
        signals.severity,
        severities.severity_rank,
        signals.sla_hours,
        signals.playbook,
        signals.evidence,
        row_number() over (
            partition by signals.account_id
            order by
                severities.severity_rank,
                case when signals.signal_kind = 'combination' then 0 else 1 end,
                signals.sla_hours,
                signals.signal
        ) as signal_rank
    from {{ ref('fct_account_signals_daily') }} as signals
    inner join severities
        on signals.severity = severities.severity
    where signals.date_day = {{ as_of_date() }}
),

signal_summary as (
    select
        today_signals.account_id,
        count(*) as active_signals,
        min(today_signals.severity_rank) as top_severity_rank
    from today_signals
    group by today_signals.account_id
),

top_signals as (
    select
        today_signals.account_id,
        {{ dbt.listagg(
            "upper(today_signals.severity) || ' ' || today_signals.signal"
            ~ " || ': ' || today_signals.evidence",
            "' | '",
            'order by today_signals.signal_rank'
        ) }} as top_risk_signals
    from today_signals
    cross join settings
    where today_signals.signal_rank <= settings.max_drivers
    group by today_signals.account_id
),

action_sources as (
    select
        account_id,
        playbook,
        severity_rank,
        sla_hours
    from today_signals
    union all
    select
        risk_levels.account_id,
        risk_levels.playbook,
        severities.severity_rank,
        risk_levels.sla_hours
    from risk_levels
    inner join severities
        on risk_levels.severity = severities.severity
),

playbook_priorities as (
    select
        account_id,
        playbook,
        min(severity_rank) as severity_rank,
        min(sla_hours) as sla_hours
    from action_sources
    group by account_id, playbook
),

ranked_actions as (
    select
        playbook_priorities.account_id,
        playbooks.timing,
        playbooks.action,
        row_number() over (
            partition by playbook_priorities.account_id
            order by
                playbook_priorities.severity_rank,
                playbook_priorities.sla_hours,
                playbook_priorities.playbook
        ) as action_rank
    from playbook_priorities
    inner join {{ ref('playbooks') }} as playbooks
        on
            playbook_priorities.playbook = playbooks.playbook
            and playbooks.step = 1
),

actions as (
    select
        account_id,
        count(*) as recommended_action_count,
        {{ dbt.listagg(
            "cast(action_rank as " ~ dbt.type_string() ~ ") || '. ' || timing"
            ~ " || ': ' || action",
            "' | '",
            'order by action_rank'
        ) }} as recommended_actions
    from ranked_actions
    group by account_id
),

open_actions as (
    select
        account_id,
        count(*) as open_actions,
        count(case when is_overdue then 1 end) as overdue_actions
    from {{ ref('rpt_csm_action_list') }}
    group by account_id
),

final as (
    select
        health.account_id,
        health.as_of_date,
        customers.account_name,
        customers.segment,
        customers.csm_name,
        dim_accounts.cs_manager_name,
        customers.arr,
        customers.renewal_date,
        customers.days_to_renewal,
        health.health_score,
        health.health_score_30d_ago,
        health.health_score - health.health_score_30d_ago
            as health_change_30d,
        health.health_tier,
        health.velocity_band,
        risk_levels.risk_level,
        health.is_at_risk,
        coalesce(signal_summary.active_signals, 0) as active_signals,
        top_severities.severity as top_severity,
        top_signals.top_risk_signals,
        health.risk_drivers,
        health.strengths as positive_indicators,
        coalesce(actions.recommended_action_count, 0)
            as recommended_action_count,
        actions.recommended_actions,
        coalesce(open_actions.open_actions, 0) as open_actions,
        coalesce(open_actions.overdue_actions, 0) as overdue_actions,
        health.score_version
    from health
    inner join {{ ref('rpt_customer_360') }} as customers
        on health.account_id = customers.account_id
    inner join {{ ref('dim_accounts') }} as dim_accounts
        on health.account_id = dim_accounts.account_id
    left join risk_levels
        on health.account_id = risk_levels.account_id
    left join signal_summary
        on health.account_id = signal_summary.account_id
    left join severities as top_severities
        on signal_summary.top_severity_rank = top_severities.severity_rank
    left join top_signals
        on health.account_id = top_signals.account_id
    left join actions
        on health.account_id = actions.account_id
    left join open_actions
        on health.account_id = open_actions.account_id
)

select * from final
