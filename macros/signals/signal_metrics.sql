{#- The metrics risk signals can test: name -> {sql, windowed}. A point
    metric is a SQL expression over the account-day's columns of
    int_account_signal_inputs (and its health scores). A windowed metric is
    measured over the signal's window_days (seed risk_signals): its expression
    also reads the same columns window_days rows back (prefix past_) and twice
    that far back (prefix past2_), so counts over a window are differences of
    running totals (cum_*). The one list that fct_account_signals_daily and
    int_available_signal_metrics (what the signal seed is checked against)
    read. -#}
{% macro signal_metrics() %}
    {%- set window_count = 'cum_@ - coalesce(past_cum_@, 0)' -%}
    {%- set nps_in_window = 'case when '
        ~ window_count.replace('@', 'nps_responses') ~ ' > 0 then @ end' -%}
    {{ return({
        'active_user_days_change': {'windowed': true, 'sql':
            '(cum_active_users - past_cum_active_users) / nullif('
            ~ 'past_cum_active_users - coalesce(past2_cum_active_users, 0), 0)'
            ~ ' - 1'},
        'negative_tickets': {'windowed': true,
            'sql': window_count.replace('@', 'tickets_negative')},
        'escalations': {'windowed': true,
            'sql': window_count.replace('@', 'tickets_escalated')},
        'failed_payments': {'windowed': true,
            'sql': window_count.replace('@', 'payments_failed')},
        'qbrs_missed': {'windowed': true,
            'sql': window_count.replace('@', 'qbrs_missed')},
        'latest_nps_answer': {'windowed': true,
            'sql': nps_in_window.replace('@', 'latest_nps')},
        'nps_change': {'windowed': true,
            'sql': nps_in_window.replace('@', 'nps_change')},
        'mrr_change': {'windowed': true,
            'sql': 'mrr / nullif(past_mrr, 0) - 1'},
        'health_change': {'windowed': true,
            'sql': 'health_score - past_health_score'},
        'engagement_change': {'windowed': true,
            'sql': 'engagement_score - past_engagement_score'},
        'days_since_last_login': {'windowed': false, 'sql': dbt.datediff(
            'coalesce(last_login_date, first_day)', 'date_day', 'day')},
        'days_since_core_feature_use': {'windowed': false, 'sql': dbt.datediff(
            'coalesce(last_core_feature_date, first_day)', 'date_day', 'day')},
        'seat_utilisation': {'windowed': false,
            'sql': 'active_users_30d / nullif(seats, 0)'},
        'days_since_champion_departure': {'windowed': false,
            'sql': dbt.datediff(
                'last_champion_departure_date', 'date_day', 'day')},
        'has_champion': {'windowed': false,
            'sql': 'case when has_champion then 1 else 0 end'},
        'meetings_cancelled_in_row': {'windowed': false,
            'sql': 'meetings_cancelled_in_row'},
        'days_since_sponsor_contact': {'windowed': false, 'sql': dbt.datediff(
            'sponsor_contact_clock_date', 'date_day', 'day')},
        'days_to_renewal': {'windowed': false,
            'sql': dbt.datediff('date_day', 'renewal_date', 'day')},
        'health_score': {'windowed': false, 'sql': 'health_score'},
        'usage_score': {'windowed': false, 'sql': 'usage_score'},
    }) }}
{% endmacro %}
