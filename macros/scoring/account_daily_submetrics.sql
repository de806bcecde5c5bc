{#- The sub-metrics config set account_daily can score: name -> SQL expression
    over int_account_days_windowed. The one list the unpivot model and
    int_available_submetrics (what the catalogue seed is checked against) read. -#}
{% macro account_daily_submetrics() %}
    {{ return({
        'seat_utilisation': 'active_users_30d / nullif(seats, 0)',
        'dau_mau': '(active_user_days_30d / days_in_window_30d)'
            ~ ' / nullif(active_users_30d, 0)',
        'feature_adoption': 'features_used_30d / nullif(features_available, 0)',
        'usage_depth': 'events_30d / nullif(active_users_30d, 0)',
        'days_since_last_login': dbt.datediff(
            'coalesce(last_login_date, first_day)', 'date_day', 'day'),
        'meeting_attendance': 'meetings_held_90d'
            ~ ' / nullif(meetings_held_90d + meetings_cancelled_90d, 0)',
        'executive_sponsor_present': 'case when has_contact_data then'
            ~ ' case when has_executive_sponsor then 1 else 0 end end',
        'champion_present': 'case when has_contact_data then'
            ~ ' case when has_champion then 1 else 0 end end',
        'email_reply_rate': 'emails_replied_90d / nullif(emails_sent_90d, 0)',
        'latest_nps': 'latest_nps',
        'seat_trend_90d': '(seats - seats_90d_ago) / nullif(seats_90d_ago, 0)',
        'usage_trend_30d': 'events_30d / nullif(events_prior_30d, 0) - 1',
        'expansion_12m': 'case when has_expansion_365d = 1 then 1 when '
            ~ dbt.datediff('first_day', 'date_day', 'day')
            ~ ' >= ' ~ var('onboarding_days') ~ ' then 0 end',
        'tickets_per_seat_90d': 'case when has_support_data then'
            ~ ' tickets_opened_90d / nullif(seats, 0) end',
        'escalations_90d': 'case when has_support_data then'
            ~ ' tickets_escalated_90d end',
        'csat_90d': 'csat_score_sum_90d / nullif(csat_responses_90d, 0)',
        'ticket_sentiment_90d': 'ticket_sentiment_sum_90d'
            ~ ' / nullif(tickets_opened_90d, 0)',
        'failed_payments_90d': 'payments_failed_90d',
        'max_days_past_due': 'max_days_past_due',
        'contract_months': 'contract_months',
    }) }}
{% endmacro %}
