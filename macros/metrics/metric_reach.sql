{#- How far back a daily run of int_account_metrics_daily reads, for a
    metric_plan: `lag_days`, the days before a recomputed day whose metric rows
    a `change` looks back to (its shift plus its input's, nested); and
    `metric_days`, per metric that reads a fact source, the days before those
    rows that its trailing window reads (its window; 0 for a lifetime metric
    that carries its totals; none for a lifetime distinct count, which needs
    the whole history); and `source_days`, per fact source, the longest of its
    metrics'. docs/METRICS.md, rule "Daily runs continue". -#}
{% macro metric_reach(plan) %}
    {% set lags = {} %}
    {% set metric_days = {} %}
    {% set source_days = {} %}
    {% for metric in plan %}
        {% set inputs = [metric.input_metric, metric.divisor_metric] | select | list %}
        {% set lag = namespace(days=0) %}
        {% for input in inputs %}
            {% set lag.days = [lag.days, lags[input]] | max %}
        {% endfor %}
        {% if metric.kind == 'change' %}
            {% set lag.days = lag.days + metric.window_days %}
        {% endif %}
        {% do lags.update({metric.metric: lag.days}) %}
        {% if metric.kind in metric_read_kinds() %}
            {% set known = source_days.get(metric.source, 0) %}{#- none: whole history -#}
            {% if metric.window_days %}
                {% set days = metric.window_days %}
            {% elif metric.kind == 'distinct_count' %}
                {% set days = none %}
            {% else %}
                {% set days = 0 %}
            {% endif %}
            {% do metric_days.update({metric.metric: days}) %}
            {% do source_days.update({metric.source:
                none if days is none or known is none else [known, days] | max}) %}
        {% endif %}
    {% endfor %}
    {{ return({
        'lag_days': lags.values() | max if lags else 0,
        'metric_days': metric_days,
        'source_days': source_days,
    }) }}
{% endmacro %}

{#- The kinds that read rows of a fact source. -#}
{% macro metric_read_kinds() %}
    {{ return(['count', 'sum', 'mean', 'latest', 'days_since', 'distinct_count']) }}
{% endmacro %}
