{#- What a metric of the catalogue (seed metric_catalogue) can be computed
    from. Column names only: the metric SQL is generated from catalogue rows
    (model int_account_metrics_daily; docs/METRICS.md lists the same).
    - Fact sources: a model with account_id and a date column, the columns a
      `filter` may test, the numeric columns sum / mean / latest may read and
      the columns distinct_count may count. A source with no rows at all (a
      system the company does not have) gives missing metrics, not zeros.
      `one_row_per_day_of` names the countable columns the source already holds
      once per account and day (so a distinct count skips de-duplicating them);
      `one_row_per_account_day` marks a source that is one row per account and
      day already (its facts are read without grouping).
    - 'state': columns of int_account_days_aggregated that describe an account
      on a day; `presence` names the model whose emptiness makes a column
      missing rather than false or 0.
    - 'flat_export': the columns of the one-file export. -#}
{% macro metric_sources() %}
    {{ return({
        'events': {
            'model': 'int_events_enriched',
            'date_column': 'occurred_at',
            'filter_columns': [
                'event_name', 'feature_name', 'feature_class', 'is_login_event'
            ],
            'value_columns': ['event_value'],
            'entity_columns': ['user_id', 'event_name', 'feature_name'],
        },
        'user_days': {
            'model': 'int_user_days_aggregated',
            'date_column': 'date_day',
            'filter_columns': [],
            'value_columns': ['events', 'logins'],
            'entity_columns': ['user_id'],
            'one_row_per_day_of': ['user_id'],
        },
        'feature_days': {
            'model': 'int_account_feature_days_aggregated',
            'date_column': 'date_day',
            'filter_columns': ['feature_class'],
            'value_columns': ['events', 'users'],
            'entity_columns': ['feature_name'],
            'one_row_per_day_of': ['feature_name'],
        },
        'account_days': {
            'model': 'int_account_days_aggregated',
            'date_column': 'date_day',
            'one_row_per_account_day': true,
            'filter_columns': ['mrr_change', 'is_customer'],
            'value_columns': [
                'mrr', 'seats', 'events', 'logins', 'active_users',
                'features_used', 'tickets_opened', 'tickets_solved',
                'csat_responses', 'csat_score_sum', 'meetings_held',
                'meetings_cancelled', 'qbrs_held', 'emails_sent',
                'emails_replied', 'nps_responses', 'nps_score_sum',
                'payments_failed', 'payments_succeeded'
            ],
            'entity_columns': [],
        },
        'tickets': {
            'model': 'stg_support__tickets',
            'date_column': 'created_at',
            'filter_columns': [
                'category', 'channel', 'priority', 'ticket_status',
                'is_escalated'
            ],
            'value_columns': ['sentiment_score'],
            'entity_columns': ['requester_email'],
        },
        'activities': {
            'model': 'stg_crm__activities',
            'date_column': 'scheduled_at',
            'filter_columns': ['activity_type', 'activity_status'],
            'value_columns': [],
            'entity_columns': ['contact_id', 'owner_user_id'],
        },
        'nps': {
            'model': 'stg_surveys__nps_responses',
            'date_column': 'responded_at',
            'filter_columns': ['survey_id'],
            'value_columns': ['nps_score'],
            'entity_columns': ['contact_id'],
        },
        'payments': {
            'model': 'stg_billing__payments',
            'date_column': 'attempted_at',
            'filter_columns': ['payment_status', 'failure_code'],
            'value_columns': ['amount'],
            'entity_columns': ['invoice_id'],
        },
        'state': {
            'model': 'int_account_days_aggregated',
            'columns': {
                'mrr': none,
                'seats': none,
                'active_subscriptions': none,
                'contract_months': none,
                'days_to_renewal': none,
                'renewal_due': none,
                'features_available': 'stg_product__features',
                'open_tickets': 'stg_support__tickets',
                'has_champion': 'stg_crm__contacts',
                'has_executive_sponsor': 'stg_crm__contacts',
                'max_days_past_due': 'stg_billing__invoices',
            },
        },
        'flat_export': {
            'model': 'stg_flat_export__account_metrics',
            'columns': [
                'mrr', 'logins_30d', 'features_used', 'open_tickets',
                'nps_score', 'days_since_last_login'
            ],
        },
    }) }}
{% endmacro %}
