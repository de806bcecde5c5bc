{#- The first-days metrics a behavioural cohort rule can name (columns of
    int_account_first_days). Read by the cohort assignment and the seed check. -#}
{% macro first_days_metrics() %}
    {{ return([
        'features_used_first_days',
        'active_users_first_days',
        'active_user_share_first_days',
        'events_first_days',
        'logins_first_days',
        'meetings_held_first_days',
        'tickets_first_days',
    ]) }}
{% endmacro %}
