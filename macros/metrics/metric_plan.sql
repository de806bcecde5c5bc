{#- The catalogue rows needed to compute `metric_names` (the metrics and,
    through input_metric / divisor_metric, everything they are made of), in
    an order where every metric comes after its inputs. Each row gains
    `level` (0: read from a source, the account state or its tenure; n: made
    of metrics of lower levels) and `required_days` (lifetime days an account
    needs before the metric's windows are full: a window's length; for a
    change, its input's plus the shift). Stops the compile with every problem
    listed when the catalogue is not sound or a name is not in it. [] before
    the seed exists. -#}
{% macro metric_plan(metric_names) %}
    {% set rows = metric_catalogue_rows() %}
    {% if rows | length == 0 %}{{ return([]) }}{% endif %}
    {% set problems = metric_catalogue_violations(rows) %}
    {% set by_name = {} %}
    {% for row in rows %}{% do by_name.update({row.metric: row}) %}{% endfor %}
    {#- a metric the risk signals read is reported by metric_catalogue_violations -#}
    {% for name in metric_names
        if name not in by_name and name not in signal_catalogue_metrics() %}
        {% do problems.append('scoring_submetrics names ' ~ name ~ ', which is not a metric of metric_catalogue') %}
    {% endfor %}
    {% if problems %}
        {{ exceptions.raise_compiler_error(
            'metric catalogue: ' ~ problems | length ~ ' problem(s)\n  '
            ~ problems | join('\n  ')) }}
    {% endif %}
    {% set needed = metric_names | list %}
    {% for _ in rows %}
        {% for name in needed | list %}
            {% for input in [by_name[name].input_metric, by_name[name].divisor_metric]
                if input and input not in needed %}
                {% do needed.append(input) %}
            {% endfor %}
        {% endfor %}
    {% endfor %}
    {% set planned = {} %}
    {% for _ in needed %}
        {% for name in needed if name not in planned %}
            {% set row = by_name[name] %}
            {% set inputs = [row.input_metric, row.divisor_metric] | select | list %}
            {% if inputs | reject('in', planned) | list | length == 0 %}
                {% set window = row.window_days or 1 %}
                {% if row.kind in ('days_since', 'tenure', 'state', 'export') %}
                    {% set required = 1 %}
                {% elif row.kind == 'ratio' %}
                    {% set required = [planned[inputs[0]].required_days, planned[inputs[1]].required_days] | max %}
                {% elif row.kind == 'change' %}
                    {% set required = planned[inputs[0]].required_days + row.window_days %}
                {% elif row.kind == 'per_tenure' %}
                    {% set required = planned[inputs[0]].required_days %}
                {% else %}
                    {% set required = window %}
                {% endif %}
                {% set depth = namespace(level=0) %}
                {% for input in inputs %}
                    {% set depth.level = [depth.level, planned[input].level + 1] | max %}
                {% endfor %}
                {% set item = dict(row) %}
                {% do item.update({'level': depth.level, 'required_days': required}) %}
                {% do planned.update({name: item}) %}
            {% endif %}
        {% endfor %}
    {% endfor %}
    {{ return(planned.values() | sort(attribute='metric') | sort(attribute='level') | list) }}
{% endmacro %}
