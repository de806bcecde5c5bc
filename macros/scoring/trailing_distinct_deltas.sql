{#-
    For "distinct things active in the trailing N days" per account and day,
    computed in linear time: each run of activity days of one thing (a user, a
    feature) whose gaps are at most N days covers the days from its first day to
    its last day + N - 1. Returns rows (account_id, date_day, delta): +1 where such
    a run starts counting, -1 the day after it stops. A running sum of delta over
    each account's days is the distinct count in the trailing N days.
    relation: rows (account_id, <thing>, date_day), one per thing and active day.
-#}
{% macro trailing_distinct_deltas(relation, thing, window_days) %}
    with activity as (
        select
            account_id,
            {{ thing }} as thing,
            date_day,
            lag(date_day) over (
                partition by account_id, {{ thing }} order by date_day
            ) as previous_day
        from {{ relation }}
    ),

    runs as (
        select
            *,
            sum(case
                when previous_day is null
                    or {{ dbt.datediff('previous_day', 'date_day', 'day') }}
                    > {{ window_days }}
                    then 1
                else 0
            end) over (
                partition by account_id, thing
                order by date_day
                rows between unbounded preceding and current row
            ) as run_number
        from activity
    ),

    spans as (
        select
            account_id,
            min(date_day) as first_day,
            max(date_day) as last_day
        from runs
        group by account_id, thing, run_number
    )

    select
        account_id,
        first_day as date_day,
        1 as delta
    from spans
    union all
    select
        account_id,
        cast({{ dbt.dateadd('day', window_days, 'last_day') }} as date) as date_day,
        -1 as delta
    from spans
{% endmacro %}
