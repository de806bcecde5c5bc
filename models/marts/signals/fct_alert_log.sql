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
    that day and the first step of its playbook. The log is a function of the
    stored history, so building the same day twice gives the same rows. -#}
with signal_days as (
    select * from {{ ref('fct_account_signals_daily') }}
),

scores as (
    select
        scores.account_id,
        scores.date_day,
        scores.health_score,
        scores.health_tier,
        tiers.tier_rank,
        lag(tiers.tier_rank) over (
            partition by scores.account_id order by scores.date_day
        ) as previous_tier_rank
    from {{ ref('fct_health_scores_daily') }} as scores
    inner join {{ ref('health_tiers') }} as tiers
        on scores.health_tier = tiers.tier
),

escalation as (
    select * from {{ ref('escalation_path') }}
),

tier_runs as (
    -- consecutive days in one tier share a run_key
    select
        *,
        row_number() over (partition by account_id order by date_day)
        - row_number() over (
            partition by account_id, health_tier order by date_day
        ) as run_key
    from scores
),

tier_days as (
    -- every day of a run in a tier the account entered by getting worse
    select
        account_id,
        date_day,
        health_tier,
        health_score,
        first_value(
            coalesce(tier_rank > previous_tier_rank, false)
        ) over (
            partition by account_id, health_tier, run_key
            order by date_day
        ) as entered_worse
    from tier_runs
),

tier_alert_days as (
    select
        tier_days.account_id,
        tier_days.date_day,
        'tier:' || tier_days.health_tier as signal,  -- noqa: RF04
        'tier_transition' as signal_kind,
        'health' as category,
        escalation.severity,
        escalation.owner,
        escalation.sla_hours,
        cast(null as integer) as action_window_days,
        escalation.action as playbook,
        escalation.cooldown_days,
        'health '
        || cast(
            cast(round(tier_days.health_score, 0) as bigint)
            as {{ dbt.type_string() }}
        )
        || ': into ' || tier_days.health_tier as evidence
    from tier_days
    inner join escalation
        on {{ in_band(
            'tier_days.health_score', 'escalation.min_score',
            'escalation.max_score'
        ) }}
    where tier_days.entered_worse
),

alert_days as (
    select
        account_id,
        date_day,
        signal,
        signal_kind,
        category,
        severity,
        owner,
        sla_hours,
        action_window_days,
        playbook,
        cooldown_days,
        evidence
    from signal_days
    union all
    select * from tier_alert_days
),

returns as (
    select
        *,
        {{ dbt.datediff(
            'lag(date_day) over (partition by account_id, signal '
            ~ 'order by date_day)',
            'date_day', 'day'
        ) }} as days_since_last_active
    from alert_days
),

episodes as (
    -- a new episode when the signal was off for longer than its cool-down
    select
        *,
        sum(
            case
                when
                    days_since_last_active is null
                    or days_since_last_active - 1 > cooldown_days
                    then 1
                else 0
            end
        ) over (
            partition by account_id, signal
            order by date_day
            rows between unbounded preceding and current row
        ) as episode_number
    from returns
),

episode_bounds as (
    select
        account_id,
        signal,
        episode_number,
        min(date_day) as started_on,
        max(date_day) as last_active_on,
        count(*) as active_days,
        count(
            case
                when
                    days_since_last_active > 1
                    and days_since_last_active - 1 <= cooldown_days
                    then 1
            end
        ) as times_reopened
    from episodes
    group by account_id, signal, episode_number
),

first_days as (
    select
        episodes.*,
        episode_bounds.last_active_on,
        episode_bounds.active_days,
        episode_bounds.times_reopened
    from episodes
    inner join episode_bounds
        on
            episodes.account_id = episode_bounds.account_id
            and episodes.signal = episode_bounds.signal
            and episodes.episode_number = episode_bounds.episode_number
            and episodes.date_day = episode_bounds.started_on
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
