{#- The day a daily run recomputes from at the latest: var recompute_from as
    text (YYYY-MM-DD, trimmed), or none when the var is empty (the default). A
    run with it recomputes every day from that day on, as well as its lookback:
    the remedy for rows that arrived later than the lookback, or an account
    that reached the CRM after its contract began, without a full refresh
    (docs/DEFINITIONS.md 6). check_vars checks the value. -#}
{% macro recompute_from() %}
    {%- set day = var('recompute_from', '') | string | trim %}
    {{ return(none if day in ['', 'None', 'none'] else day) }}
{% endmacro %}

{#- `kept_day` (a SQL date expression: the last day a run keeps, less
    `days_back` days) moved back to the day before recompute_from, less the
    same days, when that is earlier; kept_day itself without the var, so the
    SQL is as it was. recomputed_after_sql cuts the day-grain models with it,
    and fct_raw_loads counts a row as late only before it. -#}
{% macro kept_before_recompute_from(kept_day, days_back=0) %}
    {%- set from_day = recompute_from() %}
    {%- if from_day is none %}
    {{- return(kept_day) }}
    {%- endif %}
    {{- return('least(' ~ kept_day ~ ', ' ~ dbt.dateadd(
        'day', '-(1 + ' ~ days_back ~ ')', "cast('" ~ from_day ~ "' as date)") ~ ')') }}
{% endmacro %}
