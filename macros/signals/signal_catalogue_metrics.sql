{#- The catalogue metrics the risk-signal inputs read from
    int_account_metrics_daily instead of computing them again, each with the
    definition the signals rely on (the cells of its metric_catalogue row):
    int_account_metrics_daily computes them whatever the scoring config set,
    and metric_catalogue_violations reports a row that is missing or defines
    them otherwise (the cells listed; a count's running total does not depend
    on its window, so its window_days is not listed). `reads` is the column of
    int_account_metrics_daily the signal inputs take: the metric itself, or
    one of its running totals (metric_carry_columns). Decisions 43
    and 45; docs/METRICS.md (Rules every metric follows), docs/DEFINITIONS.md 3. -#}
{% macro signal_catalogue_metrics() %}
    {{ return({
        'active_users_30d': {
            'kind': 'distinct_count', 'source': 'user_days',
            'value_column': 'user_id', 'window_days': 30, 'filter': none,
            'words': 'distinct users of user_days in 30 days, no filter',
            'reads': 'active_users_30d',
        },
        'active_user_days_30d': {
            'kind': 'count', 'source': 'user_days',
            'value_column': none, 'filter': none,
            'words': 'user-days of user_days (any window), no filter',
            'reads': 'active_user_days_30d__carry_rows',
        },
        'escalations_90d': {
            'kind': 'count', 'source': 'tickets',
            'value_column': none, 'filter': 'is_escalated=true',
            'words': 'tickets with is_escalated=true (any window)',
            'reads': 'escalations_90d__carry_rows',
        },
        'failed_payments_90d': {
            'kind': 'count', 'source': 'payments',
            'value_column': none, 'filter': 'payment_status=failed',
            'words': 'payments with payment_status=failed (any window)',
            'reads': 'failed_payments_90d__carry_rows',
        },
        'days_since_last_login': {
            'kind': 'days_since', 'source': 'events',
            'value_column': none, 'window_days': none, 'filter': 'is_login_event=true',
            'words': 'days since the last event with is_login_event=true, no window',
            'reads': 'days_since_last_login__carry_last_day',
        },
        'latest_nps': {
            'kind': 'latest', 'source': 'nps',
            'value_column': 'nps_score', 'window_days': none, 'filter': none,
            'words': 'the latest nps_score of nps, no window, no filter',
            'reads': 'latest_nps__carry_latest',
        },
    }) }}
{% endmacro %}
