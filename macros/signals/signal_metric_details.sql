{#- Metrics whose evidence can name more than a number ({detail} in a
    signal's evidence_text): metric -> column of int_account_signal_inputs. -#}
{% macro signal_metric_details() %}
    {{ return({
        'days_since_champion_departure': 'champion_departure_detail',
    }) }}
{% endmacro %}
