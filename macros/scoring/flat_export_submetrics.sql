{#- The sub-metrics config set flat_export can score: name -> SQL expression over
    stg_flat_export__account_metrics (its numeric columns). Read by the flat
    export scoring model and int_available_submetrics. -#}
{% macro flat_export_submetrics() %}
    {{ return({
        'mrr': 'mrr',
        'logins_30d': 'logins_30d',
        'features_used': 'features_used',
        'open_tickets': 'open_tickets',
        'nps_score': 'nps_score',
        'days_since_last_login': 'days_since_last_login',
    }) }}
{% endmacro %}
