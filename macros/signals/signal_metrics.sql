{#- The metrics risk signals can test: name -> SQL expression over
    int_account_signal_inputs, and the name of the column holding words about
    it ({detail} in an evidence text) when there is one. The one list that
    int_account_signal_values and int_available_signal_metrics (what the
    signal seed is checked against) read. -#}
{% macro signal_metrics() %}
    {{ return({
        'active_user_days_change_30d': 'active_user_days_30d'
            ~ ' / nullif(active_user_days_prior_30d, 0) - 1',
        'days_since_last_login': dbt.datediff(
            'coalesce(last_login_date, first_day)', 'date_day', 'day'),
        'days_since_core_feature_use': dbt.datediff(
            'coalesce(last_core_feature_date, first_day)', 'date_day', 'day'),
        'seat_utilisation': 'active_users_30d / nullif(seats, 0)',
        'days_since_champion_departure': dbt.datediff(
            'last_champion_departure_date', 'date_day', 'day'),
        'has_champion': 'case when has_champion then 1 else 0 end',
        'meetings_cancelled_in_row': 'meetings_cancelled_in_row',
        'latest_nps_30d': 'case when nps_responses_30d > 0 then latest_nps end',
        'nps_change_30d': 'case when nps_responses_30d > 0 then nps_change end',
        'escalations_30d': 'tickets_escalated_30d',
        'negative_tickets_30d': 'tickets_negative_30d',
        'failed_payments_30d': 'payments_failed_30d',
        'mrr_change_30d': 'mrr / nullif(mrr_30d_ago, 0) - 1',
        'days_to_renewal': dbt.datediff('date_day', 'renewal_date', 'day'),
        'health_score': 'health_score',
        'health_change_7d': 'health_score - health_score_7d_ago',
        'usage_score': 'usage_score',
        'engagement_change_30d': 'engagement_score - engagement_score_30d_ago',
    }) }}
{% endmacro %}
