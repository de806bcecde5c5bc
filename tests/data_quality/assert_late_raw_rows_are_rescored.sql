{{ config(severity='warn') }}
{#- Warns after a run that loaded raw rows dated on days the incremental models
    did not recompute (fct_raw_loads, this run's rows), printing
    "late raw rows: <table>: N rows dated on or before <day> (the earliest
    <day>) ...". Those days keep the scores and signals computed without them
    until a --full-refresh (docs/DEFINITIONS.md 6). -#}
{% set violations %}
    select
        source_table || ': ' || cast(late_rows as {{ dbt.type_string() }})
        || ' rows loaded since the last run are dated on or before '
        || cast(last_day_kept as {{ dbt.type_string() }})
        || ' (the earliest ' || cast(earliest_late_day as {{ dbt.type_string() }})
        || '), days this run did not recompute (lookback_days of'
        || ' seeds/pipeline/incremental_settings.csv): their scores and signals'
        || ' miss them until dbt build --full-refresh' as violation
    from {{ ref('fct_raw_loads') }}
    where
        late_rows > 0
        and run_number = (
            select max(runs.run_number) from {{ ref('fct_raw_loads') }} as runs
        )
{% endset %}
{{ report_violations(violations, 'late raw rows') }}
