{#- The date column by which an incremental run of the model being built cuts
    its stored rows (the last stored day, the days it recomputes): date_day,
    or the model's meta `day_column` (int_account_first_days, one row per
    account: the last day its first-days figures count). -#}
{% macro stored_day_column() %}
    {{ return((config.get('meta') or {}).get('day_column', 'date_day')) }}
{% endmacro %}
