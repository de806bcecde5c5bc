{#- The intervals of `relation` (account_id, started_date, ended_date; an
    interval is in force from its start up to, not including, its end, and
    open when the end is null) by span of each account's time: the spans
    run from an interval's start or end (segment_start) up to, not
    including, the next one (segment_end; null after the last), so the same
    intervals are in force on every day of a span. One row per span and
    interval in force on it: segment_start, segment_end and the relation's
    columns. A caller groups them by (account_id, segment_start,
    segment_end), and a day-grain model joins each day to its span
    (in_force_on(day, span, 'segment_start', 'segment_end')): a few rows per
    account, where joining the intervals to every day makes one row per
    interval and day (decision 47). A select, for a subquery. -#}
{% macro interval_segments(relation) -%}
    select
        spans.segment_start,
        spans.segment_end,
        intervals.*
    from (
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
    ) as spans
    inner join {{ relation }} as intervals
        on
            spans.account_id = intervals.account_id
            and {{ in_force_on('spans.segment_start', 'intervals') }}
{%- endmacro %}
