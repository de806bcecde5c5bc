{#- The spans into which the intervals of `relation` (account_id,
    started_date, ended_date; an interval is in force from its start up to,
    not including, its end, and open when the end is null) cut each
    account's time: one row per account and span, from segment_start (an
    interval's start or end) up to, not including, segment_end (the next
    one; null after the last). The same intervals are in force on every day
    of a span, so a day-grain model joins each day to its span
    (in_force_on(day, span, 'segment_start', 'segment_end')) and reads what
    the intervals in force on segment_start make of it: a few rows per
    account, where joining the intervals to every day makes one row per
    interval and day (decision 47). A select, for a CTE body or a subquery. -#}
{% macro interval_segments(relation) -%}
    select
        account_id,
        boundary as segment_start,
        lead(boundary) over (
            partition by account_id order by boundary
        ) as segment_end
    from (
        select
            account_id,
            started_date as boundary
        from {{ relation }}
        where started_date is not null
        union
        select
            account_id,
            ended_date as boundary
        from {{ relation }}
        where ended_date is not null
    ) as boundaries
{%- endmacro %}
