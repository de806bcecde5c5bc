-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{#- One row per account, lifetime day and active risk signal or combination
    (unique: account_id, date_day, signal): every enabled signal of the seed
    risk_signals whose metric, measured over the signal's window_days when it
    is a windowed metric, meets its rule that day (and its second rule, when
    it has one), with its category, severity, owner, SLA, playbook, window,
    cool-down and the evidence in words (a signal limited to some segments
    only fires for accounts in them); and every combination of seed
    signal_combinations whose two signals are both active, with the
    combination's raised severity. The metrics come from
    int_account_signal_inputs and the daily health scores; a metric without
    data raises nothing. Incremental by day (docs/DEFINITIONS.md 6): a day's
    signals compare it with the days one and two windows earlier, which a run
    reads besides the days it recomputes. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
{%- set metrics = signal_metrics() -%}
{%- set details = signal_metric_details() %}
{%- set past_columns = [
    'cum_active_users', 'cum_tickets_negative', 'cum_tickets_escalated',
    'cum_payments_failed', 'cum_qbrs_missed', 'cum_nps_responses', 'mrr',
    'health_score', 'engagement_score',
] %}
{#- the daily health scores the signals read, beside the inputs -#}
{%- set health_columns = ['health_score', 'usage_score', 'engagement_score'] %}

with signals as (
    select * from {{ ref('risk_signals') }}
    where is_enabled
),

windows as (
    -- the windows the enabled signals use, and none for the point metrics
    select distinct window_days
    from signals
    union
    select cast(null as integer) as window_days
),

{%- set past_days = '(select 2 * coalesce(max(window_days), 0) from signals)' %}

inputs as (
    select * from {{ ref('int_account_signal_inputs') }}
    where {{ recomputed_days('date_day', past_days) }}
),

health as (
    select
        account_id,
        date_day,
        {%- for column in health_columns %}
        {{ column }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('fct_health_scores_daily') }}
    where {{ recomputed_days('date_day', past_days) }}
),

wide as (
    select
        inputs.*,
        {%- for column in health_columns %}
        health.{{ column }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from inputs
    left join health
        on
            inputs.account_id = health.account_id
            and inputs.date_day = health.date_day
),

point_metrics as (
    {#- the metrics of the account-day alone, computed once rather than on
        each window's row; rounded to 9 decimals, so a value on a threshold
        compares the same way whatever order the engine summed its parts in -#}
    select
        wide.*,
        {%- for name, metric in metrics.items() if not metric.windowed %}
        {%- set rounded = 'round(cast(' ~ metric.sql ~ ' as double), 9)' %}
        {{ rounded }} as point__{{ name }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from wide
),

past_values as (
    {#- the columns a day reads from earlier days, apart from the wide rows,
        so that its two look-ups hold these columns only, not every input
        column (which spills at 20,000 accounts) -#}
    select
        inputs.account_id,
        inputs.day_number,
        {%- for column in past_columns %}
        {{ 'health' if column in health_columns else 'inputs' }}.{{ column }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from inputs
    left join health
        on
            inputs.account_id = health.account_id
            and inputs.date_day = health.date_day
),

shifted as (
    -- each account-day once per window, with the same account's row window
    -- and twice window lifetime days earlier (null before its first day,
    -- and on the row without a window)
    select
        today.*,
        {%- for column in past_columns %}
        past.{{ column }} as past_{{ column }},
        past2.{{ column }} as past2_{{ column }},
        {%- endfor %}
        windows.window_days
    from point_metrics as today
    cross join windows
    left join past_values as past
        on
            today.account_id = past.account_id
            and today.day_number - windows.window_days = past.day_number
    left join past_values as past2
        on
            today.account_id = past2.account_id
            and today.day_number - 2 * windows.window_days = past2.day_number
    where {{ recomputed_days('today.date_day') }}
),

metric_values as (
    {#- one row per account-day and window, one column per metric (a point
        metric is the same on every window's row), rounded as the point
        metrics are -#}
    select
        account_id,
        date_day,
        window_days,
        {%- for name, column in details.items() %}
        {{ column }} as detail__{{ name }},
        {%- endfor %}
        {%- for name, metric in metrics.items() if not metric.windowed %}
        point__{{ name }} as {{ name }},
        {%- endfor %}
        {%- for name, metric in metrics.items() if metric.windowed %}
        {%- set rounded = 'round(cast(' ~ metric.sql ~ ' as double), 9)' %}
        {{ rounded }} as {{ name }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from shifted
),

picked as (
    {#- each enabled signal on the account-day's row of its window (the row
        without one for a point metric), with the value of its metric and of
        its also_metric picked from the row's columns -#}
    select
        metric_values.account_id,
        metric_values.date_day,
        signals.signal,
        case signals.metric
            {%- for name in metrics %}
            when '{{ name }}' then metric_values.{{ name }}
            {%- endfor %}
        end as metric_value,
        -- most signals have no second rule: they skip its comparisons
        case
            when signals.also_metric is not null then
                case signals.also_metric
                    {%- for name in metrics %}
                    when '{{ name }}' then metric_values.{{ name }}
                    {%- endfor %}
                end
        end as also_value,
        {%- if details %}
        case signals.metric
            {%- for name in details %}
            when '{{ name }}' then metric_values.detail__{{ name }}
            {%- endfor %}
        end as metric_detail,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as metric_detail,
        {%- endif %}
        signals.comparison,
        signals.threshold,
        signals.also_metric,
        signals.also_comparison,
        signals.also_threshold
    from metric_values
    inner join signals
        on
            coalesce(metric_values.window_days, -1)
            = coalesce(signals.window_days, -1)
),

rules_met as (
    {#- the picked pairs whose metric meets the signal's rule (and its second
        rule, when it has one), before the words of the evidence are written
        for them -#}
    select *
    from picked
    where
        {{ signal_condition('metric_value', 'comparison', 'threshold') }}
        and (
            also_metric is null
            or {{ signal_condition(
                'also_value', 'also_comparison', 'also_threshold'
            ) }}
        )
),

accounts as (
    select
        account_id,
        segment
    from {{ ref('stg_crm__accounts') }}
),

signal_days as (
    select
        rules_met.account_id,
        rules_met.date_day,
        signals.signal,
        'signal' as signal_kind,
        signals.category,
        signals.severity,
        signals.owner,
        signals.sla_hours,
        signals.action_window_days,
        signals.playbook,
        signals.cooldown_days,
        signals.window_days,
        rules_met.metric_value,
        replace(
            replace(
                {{ driver_text(
                    'signals.evidence_text', 'signals.value_format',
                    'rules_met.metric_value'
                ) }},
                '{detail}',
                coalesce(rules_met.metric_detail, '')
            ),
            '{window}',
            coalesce(
                cast(signals.window_days as {{ dbt.type_string() }}), ''
            )
        ) as evidence
    from rules_met
    inner join signals
        on rules_met.signal = signals.signal
    left join accounts
        on rules_met.account_id = accounts.account_id
    where
        signals.segments is null
        -- the seed's semicolon-separated list holds the segment: chr(59) is
        -- the semicolon, since dbt's unit-test runner on Spark cuts the
        -- model's SQL at a quoted one
        or chr(59) || signals.segments || chr(59)
        like '%' || chr(59) || accounts.segment || chr(59) || '%'
),

combinations as (
    select * from {{ ref('signal_combinations') }}
),

combination_days as (
    select
        first_signal.account_id,
        first_signal.date_day,
        combinations.combination as signal,  -- noqa: RF04
        'combination' as signal_kind,
        'combination' as category,
        combinations.severity,
        combinations.owner,
        combinations.sla_hours,
        combinations.action_window_days,
        combinations.playbook,
        combinations.cooldown_days,
        cast(null as integer) as window_days,
        cast(null as double) as metric_value,
        first_signal.evidence || '; ' || second_signal.evidence as evidence
    from combinations
    inner join signal_days as first_signal
        on combinations.signal_a = first_signal.signal
    inner join signal_days as second_signal
        on
            first_signal.account_id = second_signal.account_id
            and first_signal.date_day = second_signal.date_day
            and combinations.signal_b = second_signal.signal
),

final as (
    select * from signal_days
    union all
    select * from combination_days
)

select * from final
