{{ config(severity='warn') }}
{#- Warns when var recompute_from has stayed in a scheduled job. A run with it
    is the remedy for late rows and is meant to run once: it recomputes every
    day from that day on. A job that keeps it recomputes one day more on each
    later as-of day, and nothing else shows it. The runs in fct_raw_loads tell:
    the latest runs in a row kept the same last day (last_day_kept), earlier
    than their lookback alone keeps (lookback_kept_day, which a run without the
    var keeps), while the as-of day moved on. One line: "recompute_from left
    set: daily runs R1 to R2 (as of <day> to <day>) each recomputed every day
    after <day> (N days on run R2) ...". Reruns of one as-of day with the var,
    and a run without it, do not warn (docs/DEFINITIONS.md 6). It reads seed
    incremental_settings, so selecting the seeds alone (dbt build --select
    path:seeds) selects it too: on a warehouse without the run log yet there is
    nothing to check. -#}
{%- set run_log = ref('fct_raw_loads') %}
{% set violations %}
    {%- if execute and load_relation(run_log) is none %}
    {{ violations_listed([]) }}
    {%- else %}
    with runs as (
        select distinct
            run_number,
            as_of_date,
            last_day_kept
        from {{ run_log }}
    ),

    with_previous as (
        select
            run_number,
            as_of_date,
            last_day_kept,
            coalesce(
                lag(as_of_date) over (order by run_number), as_of_date
            ) as previous_as_of_date
        from runs
    ),

    judged as (
        select
            with_previous.run_number,
            with_previous.as_of_date,
            with_previous.last_day_kept,
            with_previous.last_day_kept < {{ lookback_kept_day(
                'with_previous.previous_as_of_date',
                'settings.lookback_days',
                'with_previous.as_of_date'
            ) }} as kept_before_lookback
        from with_previous
        cross join {{ ref('incremental_settings') }} as settings
    ),

    latest as (
        select *
        from judged
        where run_number = (select max(every_run.run_number) from judged as every_run)
    ),

    {#- the latest run that did not keep the latest run's day before its lookback -#}
    last_other_run as (
        select coalesce(max(judged.run_number), 0) as run_number
        from judged
        cross join latest
        where
            not judged.kept_before_lookback
            or judged.last_day_kept <> latest.last_day_kept
    ),

    {#- run numbers go up by one per run (fct_raw_loads) -#}
    streak_start as (
        select judged.*
        from judged
        inner join last_other_run
            on judged.run_number = last_other_run.run_number + 1
    )

    select
        'daily runs ' || cast(streak_start.run_number as {{ dbt.type_string() }})
        || ' to ' || cast(latest.run_number as {{ dbt.type_string() }})
        || ' (as of ' || cast(streak_start.as_of_date as {{ dbt.type_string() }})
        || ' to ' || cast(latest.as_of_date as {{ dbt.type_string() }})
        || ') each recomputed every day after '
        || cast(latest.last_day_kept as {{ dbt.type_string() }})
        || ' (' || cast({{ dbt.datediff('latest.last_day_kept', 'latest.as_of_date', 'day') }}
            as {{ dbt.type_string() }})
        || ' days on run ' || cast(latest.run_number as {{ dbt.type_string() }})
        || '): the job still sets var recompute_from, so each run recomputes one'
        || ' day more. Take it out of the --vars: one run with it recomputes the'
        || ' late rows, and the lookback (seeds/pipeline/incremental_settings.csv)'
        || ' covers the newest days' as violation
    from latest
    cross join streak_start
    where
        latest.kept_before_lookback
        and streak_start.run_number < latest.run_number
        and latest.as_of_date > streak_start.as_of_date
    {%- endif %}
{% endset %}
{{ report_violations(violations, 'recompute_from left set') }}
