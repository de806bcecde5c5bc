{#- The main contract of each account over each span of days in which the
    same contract lines are in force (interval_segments): the line in force
    with the largest MRR (ties: lowest line id), its subscription's start and
    its term in months. One row per account and span with a line in force
    (account_id, segment_start, segment_end, subscription_started_date,
    interval_months); a day or month end finds its main contract by joining
    its span: in_force_on(day, alias, 'segment_start', 'segment_end'). Lines
    are ranked once per account, so a span's main line is the lowest rank in
    force on its first day. A select, for a CTE body. -#}
{% macro main_contract_segments() -%}
    with ranked_lines as (
        select
            lines.account_id,
            lines.started_date,
            lines.ended_date,
            subscription_starts.subscription_started_date,
            {{ billing_interval_months('lines.billing_interval') }}
                as interval_months,
            row_number() over (
                partition by lines.account_id
                order by lines.mrr desc, lines.subscription_line_id asc
            ) as line_rank
        from {{ ref('stg_billing__subscription_lines') }} as lines
        inner join (
            select
                subscription_id,
                min(started_date) as subscription_started_date
            from {{ ref('stg_billing__subscription_lines') }}
            group by subscription_id
        ) as subscription_starts
            on lines.subscription_id = subscription_starts.subscription_id
    ),

    segment_lines as (
        select
            in_force.account_id,
            in_force.segment_start,
            in_force.segment_end,
            min(in_force.line_rank) as line_rank
        from ({{ interval_segments('ranked_lines') }}) as in_force
        group by
            in_force.account_id,
            in_force.segment_start,
            in_force.segment_end
    )

    select
        segment_lines.account_id,
        segment_lines.segment_start,
        segment_lines.segment_end,
        ranked_lines.subscription_started_date,
        ranked_lines.interval_months
    from segment_lines
    inner join ranked_lines
        on
            segment_lines.account_id = ranked_lines.account_id
            and segment_lines.line_rank = ranked_lines.line_rank
{%- endmacro %}
