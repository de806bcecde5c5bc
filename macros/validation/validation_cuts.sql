{#- The cuts every validation table is given in: all observations, each
    segment and each observation month. Each is a name and the SQL of its value
    over rows with segment and observation_date. -#}
{% macro validation_cuts() %}
    {{ return([
        {'name': 'total', 'value': "'all'"},
        {'name': 'segment', 'value': 'segment'},
        {'name': 'observation_month',
            'value': 'cast(observation_date as ' ~ dbt.type_string() ~ ')'},
    ]) }}
{% endmacro %}
