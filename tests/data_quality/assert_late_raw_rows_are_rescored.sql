{{ config(severity='warn') }}
{#- Warns while a run has loaded raw rows dated on days the incremental models
    did not recompute (fct_raw_loads) and no later run has recomputed from the
    earliest of them, printing one line per table and run: "late raw rows:
    <table>: N rows loaded by run R (as of <day>) are dated on or before <day>
    (the earliest <day>) ...". Those days keep the scores and signals computed
    without them until a daily run with var recompute_from on or before the
    earliest day (its last_day_kept is earlier) or a --full-refresh, which
    starts the log again (docs/DEFINITIONS.md 6). -#}
{% set violations %}
    with runs as (
        select distinct
            run_number,
            last_day_kept
        from {{ ref('fct_raw_loads') }}
    ),

    late as (
        select
            loads.source_table,
            loads.run_number,
            loads.as_of_date,
            loads.late_rows,
            loads.last_day_kept,
            loads.earliest_late_day,
            min(later.last_day_kept) as earliest_kept_since
        from {{ ref('fct_raw_loads') }} as loads
        left join runs as later
            on later.run_number > loads.run_number
        where loads.late_rows > 0
        group by
            loads.source_table,
            loads.run_number,
            loads.as_of_date,
            loads.late_rows,
            loads.last_day_kept,
            loads.earliest_late_day
    )

    select
        source_table || ': ' || cast(late_rows as {{ dbt.type_string() }})
        || ' rows loaded by run ' || cast(run_number as {{ dbt.type_string() }})
        || ' (as of ' || cast(as_of_date as {{ dbt.type_string() }})
        || ') are dated on or before '
        || cast(last_day_kept as {{ dbt.type_string() }})
        || ' (the earliest ' || cast(earliest_late_day as {{ dbt.type_string() }})
        || '), days no run has recomputed since (lookback_days of'
        || ' seeds/pipeline/incremental_settings.csv): their scores and signals'
        || ' miss them until a daily run with --vars "{recompute_from: '
        || cast(earliest_late_day as {{ dbt.type_string() }})
        || '}" or dbt build --full-refresh' as violation
    from late
    where
        earliest_kept_since is null
        or earliest_kept_since >= earliest_late_day
{% endset %}
{{ report_violations(violations, 'late raw rows') }}
