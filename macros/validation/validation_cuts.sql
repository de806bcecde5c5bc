{#- The cuts every validation table is given in, each for the fit and the
    evaluation period: all observations, each segment, each observation
    month, each billing interval of the main contract, whether the renewal
    falls in the horizon (renewal_due: the accounts that can churn) and
    whether the windows were full (warming_up). Each is a name and the SQL of
    its value over rows of val_backtest_observations. -#}
{% macro validation_cuts() %}
    {{ return([
        {'name': 'total', 'value': "'all'"},
        {'name': 'segment', 'value': 'segment'},
        {'name': 'observation_month',
            'value': 'cast(observation_date as ' ~ dbt.type_string() ~ ')'},
        {'name': 'billing_interval', 'value': "coalesce(billing_interval, 'unknown')"},
        {'name': 'renewal',
            'value': "case when is_renewal_in_horizon then 'renewal_due' else 'no_renewal_due' end"},
        {'name': 'windows',
            'value': "case when is_warming_up then 'warming_up' else 'full' end"},
    ]) }}
{% endmacro %}
