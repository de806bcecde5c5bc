{#- Incremental strategy replace_days for day-grain models: delete the days
    this run recomputed (recomputed_days: after the last stored day less the
    lookback) and insert the new rows of those days. Unlike delete+insert on
    a key, a row that no longer exists (an event corrected away inside the
    lookback) disappears too. Used as incremental_strategy='replace_days'. -#}
{% macro get_incremental_replace_days_sql(arg_dict) %}
    {{- delete_then_insert_sql(arg_dict, recomputed_days(stored_day_column())) -}}
{% endmacro %}
