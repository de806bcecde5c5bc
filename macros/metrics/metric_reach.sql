{#- How far back a daily run of int_account_metrics_daily reads, for a
    metric_plan (docs/METRICS.md, rule "Daily runs continue"):
    - `metric_days`, per metric that reads a fact source, the days before the
      recomputed ones that its rows are read from: 0 for a metric that keeps a
      running total (a lifetime count, sum, mean, latest or last day, and a
      windowed count, sum or mean, whose window reaches the stored days through
      the running totals), its window for a windowed latest or distinct count,
      none for a lifetime distinct count (the whole history);
    - `source_days`, per fact source, the longest of its metrics';
    - per number of days N, the stored columns a recomputed day d reads from
      the stored row of day d - N: `back_totals`, the running totals of the
      windowed counts, sums and means of window N, and `back_inputs`, the
      input of each `change` over N days. -#}
{% macro metric_reach(plan) %}
    {% set metric_days = {} %}
    {% set source_days = {} %}
    {% set back_totals = {} %}
    {% set back_inputs = {} %}
    {% for metric in plan %}
        {% if metric.kind == 'change' %}
            {% set inputs = back_inputs.setdefault(metric.window_days, []) %}
            {% if metric.input_metric not in inputs %}
                {% do inputs.append(metric.input_metric) %}
            {% endif %}
        {% endif %}
        {% if metric.kind in metric_read_kinds() %}
            {% set known = source_days.get(metric.source, 0) %}{#- none: whole history -#}
            {% if metric_differences_totals(metric) %}
                {% set days = 0 %}
                {% do back_totals.setdefault(metric.window_days, []).extend(
                    metric_carry_columns(metric) | map(attribute='name')) %}
            {% elif metric.window_days %}
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
        'metric_days': metric_days,
        'source_days': source_days,
        'back_totals': back_totals,
        'back_inputs': back_inputs,
    }) }}
{% endmacro %}

{#- The kinds that read rows of a fact source. -#}
{% macro metric_read_kinds() %}
    {{ return(['count', 'sum', 'mean', 'latest', 'days_since', 'distinct_count']) }}
{% endmacro %}

{#- Whether a metric's trailing window is a difference of running totals (a
    windowed count, sum or mean): the window of day d is the total up to d less
    the total up to d - window_days, so a daily run reads the recomputed days
    and two stored totals, not the whole window. -#}
{% macro metric_differences_totals(metric) %}
    {{ return((metric.window_days or 0) > 0 and metric.kind in ('count', 'sum', 'mean')) }}
{% endmacro %}
