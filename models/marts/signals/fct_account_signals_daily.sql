{#- One row per account, lifetime day and active risk signal or combination
    (unique: account_id, date_day, signal): every enabled signal of the seed
    risk_signals whose metric meets its rule that day (and its second rule,
    when it has one), with its category, severity, owner, SLA, playbook and the
    evidence in words; and every combination of seed signal_combinations whose
    two signals are both active, with the combination's raised severity. The
    metrics come from int_account_signal_inputs and the daily health scores;
    a metric without data raises nothing. -#}
{%- set metrics = signal_metrics() -%}
{%- set details = signal_metric_details() %}

with inputs as (
    select * from {{ ref('int_account_signal_inputs') }}
),

health as (
    select
        account_id,
        date_day,
        health_score,
        usage_score,
        engagement_score,
        lag(health_score, 7) over (
            partition by account_id order by date_day
        ) as health_score_7d_ago,
        lag(engagement_score, 30) over (
            partition by account_id order by date_day
        ) as engagement_score_30d_ago
    from {{ ref('fct_health_scores_daily') }}
),

wide as (
    select
        inputs.*,
        health.health_score,
        health.usage_score,
        health.health_score_7d_ago,
        health.engagement_score,
        health.engagement_score_30d_ago
    from inputs
    left join health
        on
            inputs.account_id = health.account_id
            and inputs.date_day = health.date_day
),

metric_values as (
    {%- for name, expression in metrics.items() %}
    select
        account_id,
        date_day,
        '{{ name }}' as metric,
        cast({{ expression }} as double) as metric_value,
        {{ details.get(name, 'cast(null as ' ~ dbt.type_string() ~ ')') }}
            as metric_detail
    from wide
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

signals as (
    select * from {{ ref('risk_signals') }}
    where is_enabled
),

signal_days as (
    select
        metric_values.account_id,
        metric_values.date_day,
        signals.signal,
        'signal' as signal_kind,
        signals.category,
        signals.severity,
        signals.owner,
        signals.sla_hours,
        signals.action_window_days,
        signals.playbook,
        metric_values.metric_value,
        replace(
            {{ driver_text(
                'signals.evidence_text', 'signals.value_format',
                'metric_values.metric_value'
            ) }},
            '{detail}',
            coalesce(metric_values.metric_detail, '')
        ) as evidence
    from metric_values
    inner join signals
        on metric_values.metric = signals.metric
    left join metric_values as also_values
        on
            metric_values.account_id = also_values.account_id
            and metric_values.date_day = also_values.date_day
            and signals.also_metric = also_values.metric
    where
        {{ signal_condition(
            'metric_values.metric_value', 'signals.comparison',
            'signals.threshold'
        ) }}
        and (
            signals.also_metric is null
            or {{ signal_condition(
                'also_values.metric_value', 'signals.also_comparison',
                'signals.also_threshold'
            ) }}
        )
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
