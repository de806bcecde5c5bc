{#- The models whose emptiness makes planned metrics missing rather than 0:
    the source model of every counting metric and the presence model of
    every state column (metric_sources), once each, in plan order. -#}
{% macro metric_presence_models(plan) %}
    {% set sources = metric_sources() %}
    {% set models = [] %}
    {% for metric in plan %}
        {% if metric.kind in ('count', 'sum', 'mean', 'distinct_count', 'latest', 'days_since') %}
            {% set model = sources[metric.source].model %}
        {% elif metric.kind == 'state' %}
            {% set model = sources.state.columns.get(metric.value_column) %}
        {% else %}
            {% set model = none %}
        {% endif %}
        {% if model and model not in models %}
            {% do models.append(model) %}
        {% endif %}
    {% endfor %}
    {{ return(models) }}
{% endmacro %}
