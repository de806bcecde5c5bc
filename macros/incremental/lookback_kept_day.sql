{#- The last day a daily run keeps by its lookback alone, as a SQL date
    expression: the earlier of `last_day` (the last day stored, or the previous
    run's as-of day) and `as_of_day` (default: the run's as-of date), less
    `days` (lookback_days of seed incremental_settings, plus the days a
    trailing window reads before the recomputed ones). kept_before_recompute_from
    moves it back for var recompute_from. recomputed_after_sql cuts the
    day-grain models by it, fct_raw_loads logs it, and
    assert_recompute_from_is_not_left_set tells by it which runs had the var
    (docs/DEFINITIONS.md 6). -#}
{% macro lookback_kept_day(last_day, days, as_of_day=none) %}
    {{- return(dbt.dateadd(
        'day',
        '-(' ~ days ~ ')',
        'least(' ~ last_day ~ ', ' ~ (as_of_day or as_of_date()) ~ ')'
    )) }}
{% endmacro %}
