-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{#- One row per account, day and alert condition that holds that day (unique:
    account_id, signal, date_day): each active risk signal or combination of
    fct_account_signals_daily, and each day of a run in a health tier the
    account entered by getting worse (signal tier:<tier>, with the severity,
    owner, SLA, playbook and cool-down of the escalation path by score). Each
    day carries started_on, the first day of the alert it belongs to: a day
    more than the condition's cooldown_days after its last active day starts a
    new alert, a return within the cool-down (is_return) continues the one
    before. fct_alert_log is these days grouped by alert.
    Incremental by day (docs/DEFINITIONS.md 6): a daily run recomputes the
    days after the cut (a restarted account's after its own, kept_until). A
    condition continues from its last stored day at or before the cut, when
    that day is within its cool-down of the cut; a tier run that holds on the
    cut day entered worse when its tier ranks worse than the account's last
    different tier before the cut. -#}
{%- set after = recomputed_cut() %}
{#- what a signal day and a tier day say, in fct_account_signals_daily's
    order #}
{%- set alert_columns = [
    'account_id', 'date_day', 'signal', 'signal_kind', 'category', 'severity',
    'owner', 'sla_hours', 'action_window_days', 'playbook', 'cooldown_days',
    'evidence',
] %}

with signal_days as (
    select
        {%- for column in alert_columns[:-1] %}
        {{ column }},
        {%- endfor %}
        {{ alert_columns[-1] }}
    from {{ ref('fct_account_signals_daily') }}
    where {{ day_after('date_day', after) }}
),

tiers as (
    select * from {{ ref('health_tiers') }}
),

scores as (
    {#- the recomputed days, and the cut day for the day after it to tell a
        move into a tier from staying in it #}
    select
        scores.account_id,
        scores.date_day,
        scores.health_score,
        scores.health_tier,
        tiers.tier_rank,
        lag(tiers.tier_rank) over (
            partition by scores.account_id order by scores.date_day
        ) as previous_tier_rank,
        lag(scores.health_tier) over (
            partition by scores.account_id order by scores.date_day
        ) as previous_tier
    from {{ ref('fct_health_scores_daily') }} as scores
    inner join tiers
        on scores.health_tier = tiers.tier
    where {{ day_after('scores.date_day', after, 1) }}
),

earlier_tiers as (
    {#- in a daily run, each account's last tier before the cut day that
        differs from its tier on the cut day: the tier its run on the cut day
        was entered from (none in a full build) -#}
    {%- if after is not none %}
    select
        history.account_id,
        {{ value_at_max('tiers.tier_rank', 'history.date_day') }}
            as entered_from_rank
    from {{ ref('fct_health_scores_daily') }} as history
    inner join scores as cut_day_scores
        on
            history.account_id = cut_day_scores.account_id
            and history.health_tier <> cut_day_scores.health_tier
    inner join tiers
        on history.health_tier = tiers.tier
    where
        cut_day_scores.date_day
        = {{ kept_until('cut_day_scores.account_id', after) }}
        and history.date_day < {{ kept_until('history.account_id', after) }}
    group by history.account_id
    {%- else %}
    select
        account_id,
        tier_rank as entered_from_rank
    from scores
    where false
    {%- endif %}
),

moves as (
    {#- a move into a worse tier: the tier ranks worse than the day before's;
        on the cut day, with no day before read, than the tier it was entered
        from -#}
    select
        scores.*,
        coalesce(
            case
                when
                    scores.previous_tier_rank is null
                    and scores.date_day
                    = {{ kept_until('scores.account_id', after) }}
                    then scores.tier_rank > earlier_tiers.entered_from_rank
                else scores.tier_rank > scores.previous_tier_rank
            end,
            false
        ) as is_worse_move
    from scores
    left join earlier_tiers
        on scores.account_id = earlier_tiers.account_id
),

tier_runs as (
    -- the first day of each run of consecutive days in one tier says whether
    -- the run was entered by getting worse
    select
        *,
        case
            when previous_tier is null or previous_tier <> health_tier
                then is_worse_move
        end as entered_worse_on_start
    from moves
),

tier_days as (
    -- every day of a run in a tier the account entered by getting worse: the
    -- run's first day, carried over its other days
    select
        account_id,
        date_day,
        health_tier,
        health_score,
        {{ last_non_null('entered_worse_on_start') }} over (
            partition by account_id
            order by date_day
            rows between unbounded preceding and current row
        ) as entered_worse
    from tier_runs
),

escalation as (
    select * from {{ ref('escalation_path') }}
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
    where
        tier_days.entered_worse
        and {{ day_after('tier_days.date_day', after) }}
),

alert_days as (
    select * from signal_days
    union all
    select * from tier_alert_days
),

stored_last_days as (
    {#- in a daily run, each condition's last stored day (date_day) at or
        before the cut and its alert, when a day after the cut can still be a
        return within its cool-down (none in a full build) -#}
    {%- if after is not none %}
    {{ prior_rows(
        ['date_day', 'started_on'], after, keys=['account_id', 'signal'],
        condition=dbt.datediff(
            'date_day', kept_until('account_id', after), 'day'
        ) ~ ' <= cooldown_days'
    ) }}
    {%- else %}
    select
        date_day,
        date_day as started_on,
        account_id,
        signal
    from alert_days
    where false
    {%- endif %}
),

returns as (
    select
        alert_days.*,
        stored_last_days.started_on as stored_started_on,
        coalesce(
            lag(alert_days.date_day) over (
                partition by alert_days.account_id, alert_days.signal
                order by alert_days.date_day
            ),
            stored_last_days.date_day
        ) as previous_active_on
    from alert_days
    left join stored_last_days
        on
            alert_days.account_id = stored_last_days.account_id
            and alert_days.signal = stored_last_days.signal
),

gaps as (
    select
        *,
        {{ dbt.datediff('previous_active_on', 'date_day', 'day') }}
            as days_since_last_active
    from returns
),

starts as (
    -- a new alert when the condition was off for longer than its cool-down
    select
        *,
        case
            when
                days_since_last_active is null
                or days_since_last_active - 1 > cooldown_days
                then date_day
        end as starts_on,
        coalesce(
            days_since_last_active > 1
            and days_since_last_active - 1 <= cooldown_days,
            false
        ) as is_return
    from gaps
),

final as (
    select
        {%- for column in alert_columns %}
        {{ column }},
        {%- endfor %}
        -- the latest start so far; none read yet: the stored alert continues
        coalesce(
            max(starts_on) over (
                partition by account_id, signal
                order by date_day
                rows between unbounded preceding and current row
            ),
            stored_started_on
        ) as started_on,
        is_return
    from starts
)

select * from final
