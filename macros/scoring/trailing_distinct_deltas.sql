{#-
    For "distinct things active in the trailing N days" per account and day,
    computed with one sort: a thing (a user, a feature) counts from the first day
    of a run of its activity days whose gaps are at most N days to the last day
    of the run + N - 1. Returns rows (account_id, date_day, delta): +1 on the day
    a run starts (no activity in the N days before), -1 N days after the day it
    ends (no activity in the N days after). A running sum of delta over each
    account's days is the distinct count in the trailing N days.
    relation: rows (account_id, <thing>, date_day), one per thing and active day.
-#}
{% macro trailing_distinct_deltas(relation, thing, window_days) %}
    with activity as (
        select
            account_id,
            date_day,
            lag(date_day) over (
                partition by account_id, {{ thing }} order by date_day
            ) as previous_day,
            lead(date_day) over (
                partition by account_id, {{ thing }} order by date_day
            ) as next_day
        from {{ relation }}
    ),

    signs as (
        select 1 as delta
        union all
        select -1 as delta
    )

    {#- one pass over the window's result: each activity day gives a +1 row
        when it starts a run and a -1 row when it ends one -#}
    select
        activity.account_id,
        case
            when signs.delta = 1 then activity.date_day
            else cast({{ dbt.dateadd('day', window_days, 'activity.date_day') }} as date)
        end as date_day,
        signs.delta
    from activity
    cross join signs
    where
        (
            signs.delta = 1
            and (
                activity.previous_day is null
                or {{ dbt.datediff('activity.previous_day', 'activity.date_day', 'day') }}
                > {{ window_days }}
            )
        )
        or (
            signs.delta = -1
            and (
                activity.next_day is null
                or {{ dbt.datediff('activity.date_day', 'activity.next_day', 'day') }}
                > {{ window_days }}
            )
        )
{% endmacro %}
