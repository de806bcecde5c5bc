{#- The catalogue metrics the risk-signal inputs read from
    int_account_metrics_daily instead of computing them again, each with the
    definition the signals rely on (the cells of its metric_catalogue row):
    int_account_metrics_daily computes them whatever the scoring config set,
    and metric_catalogue_violations reports a row that is missing or defines
    them otherwise. docs/METRICS.md (Rules every metric follows), docs/DEFINITIONS.md 3. -#}
{% macro signal_catalogue_metrics() %}
    {{ return({
        'active_users_30d': {
            'kind': 'distinct_count', 'source': 'user_days',
            'value_column': 'user_id', 'window_days': 30, 'filter': none,
            'words': 'distinct users of user_days in 30 days, no filter',
        },
    }) }}
{% endmacro %}
