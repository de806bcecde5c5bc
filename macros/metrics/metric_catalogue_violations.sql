{#- Everything wrong with the rows of seed metric_catalogue, as messages
    "metric_catalogue row metric=<name>: <rule>" (empty when the catalogue is
    sound): unknown kind, source, filter column or value column; a cell the
    kind needs that is empty or one it does not take that is filled; a
    reference to a metric that does not exist or a loop of references; bad
    window, direction, value format or driver text; a metric the risk signals
    read (signal_catalogue_metrics) missing or defined otherwise. The kinds and
    what each needs are listed in docs/METRICS.md. -#}
{% macro metric_catalogue_violations(rows) %}
    {% set sources = metric_sources() %}
    {% set fact_sources = sources.keys() | reject('in', ['state', 'flat_export']) | list %}
    {% set fields = [
        'source', 'filter', 'value_column', 'window_days', 'input_metric',
        'divisor_metric'
    ] %}
    {% set kinds = {
        'count': {'needs': ['source'], 'takes': ['filter', 'window_days']},
        'sum': {'needs': ['source', 'value_column'],
            'takes': ['filter', 'window_days']},
        'mean': {'needs': ['source', 'value_column'],
            'takes': ['filter', 'window_days']},
        'distinct_count': {'needs': ['source', 'value_column'],
            'takes': ['filter', 'window_days']},
        'latest': {'needs': ['source', 'value_column'],
            'takes': ['filter', 'window_days']},
        'days_since': {'needs': ['source'], 'takes': ['filter']},
        'ratio': {'needs': ['input_metric', 'divisor_metric'], 'takes': []},
        'change': {'needs': ['input_metric', 'window_days'], 'takes': []},
        'per_tenure': {'needs': ['input_metric', 'window_days'], 'takes': []},
        'tenure': {'needs': [], 'takes': []},
        'state': {'needs': ['value_column'], 'takes': ['window_days']},
        'export': {'needs': ['source', 'value_column'], 'takes': []},
    } %}
    {% set formats = [
        'count', 'decimal', 'percent', 'signed_percent', 'flag', 'nps'
    ] %}
    {% set by_name = {} %}
    {% for row in rows %}{% do by_name.update({row.metric: row}) %}{% endfor %}
    {% set out = [] %}
    {% for row in rows %}
        {% set at = 'metric_catalogue row metric=' ~ row.metric ~ ': ' %}
        {% set kind = kinds.get(row.kind) %}
        {% if not modules.re.match('^[a-z][a-z0-9_]{0,62}$', row.metric or '')
            or '__' in row.metric
            or row.metric in ('account_id', 'date_day', 'lifetime_day', 'first_day') %}
            {% do out.append(at ~ 'the name must be lower case letters, digits and single _ (a column name; not account_id, date_day, lifetime_day or first_day)') %}
        {% endif %}
        {% if kind is none %}
            {% do out.append(at ~ 'unknown kind ' ~ row.kind ~ ' (' ~ kinds.keys() | join(', ') ~ ')') %}
        {% else %}
            {% for field in fields %}
                {% if field in kind.needs and row[field] is none %}
                    {% do out.append(at ~ row.kind ~ ' needs ' ~ field) %}
                {% elif field not in kind.needs and field not in kind.takes and row[field] is not none %}
                    {% do out.append(at ~ row.kind ~ ' takes no ' ~ field) %}
                {% endif %}
            {% endfor %}
            {% set source = sources.get(row.source) if row.source else none %}
            {% if row.source and row.kind == 'export' and row.source != 'flat_export' %}
                {% do out.append(at ~ 'export reads source flat_export') %}
            {% elif row.source and row.kind != 'export' and row.source not in fact_sources %}
                {% do out.append(at ~ 'unknown source ' ~ row.source ~ ' (' ~ fact_sources | join(', ') ~ ')') %}
            {% elif row.value_column and row.kind in ('sum', 'mean', 'latest')
                and row.value_column not in source.value_columns %}
                {% do out.append(at ~ 'value_column ' ~ row.value_column ~ ' is not a number of source ' ~ row.source ~ ' (' ~ source.value_columns | join(', ') ~ ')') %}
            {% elif row.value_column and row.kind == 'distinct_count'
                and row.value_column not in source.entity_columns %}
                {% do out.append(at ~ 'value_column ' ~ row.value_column ~ ' is not countable in source ' ~ row.source ~ ' (' ~ source.entity_columns | join(', ') ~ ')') %}
            {% elif row.value_column and row.kind == 'export'
                and row.value_column not in sources.flat_export.columns %}
                {% do out.append(at ~ 'value_column ' ~ row.value_column ~ ' is not a column of the flat export (' ~ sources.flat_export.columns | join(', ') ~ ')') %}
            {% endif %}
            {% if row.kind == 'state' and row.value_column
                and row.value_column not in sources.state.columns %}
                {% do out.append(at ~ 'unknown state column ' ~ row.value_column ~ ' (' ~ sources.state.columns.keys() | join(', ') ~ ')') %}
            {% elif row.kind == 'state' and (row.value_column == 'renewal_due') != (row.window_days is not none) %}
                {% do out.append(at ~ 'window_days is set for state renewal_due (renew within that many days) and for no other state') %}
            {% endif %}
            {% if row.filter and source and row.kind != 'export' %}
                {% for clause in row.filter.split(';') %}
                    {% set parts = clause.split('=', 1) %}
                    {% if parts | length != 2 or parts[1] | trim == '' %}
                        {% do out.append(at ~ "filter clause '" ~ clause | trim ~ "' is not column=value or column=value|value") %}
                    {% elif parts[0] | trim not in source.filter_columns %}
                        {% do out.append(at ~ 'filter column ' ~ parts[0] | trim ~ ' is not one of source ' ~ row.source ~ ' (' ~ (source.filter_columns | join(', ') or 'none') ~ ')') %}
                    {% endif %}
                {% endfor %}
            {% endif %}
        {% endif %}
        {% for field in ['input_metric', 'divisor_metric'] if row[field] %}
            {% if row[field] not in by_name %}
                {% do out.append(at ~ field ~ ' ' ~ row[field] ~ ' is not a metric of the catalogue') %}
            {% elif by_name[row[field]].kind == 'export' %}
                {% do out.append(at ~ field ~ ' ' ~ row[field] ~ ' is a flat-export column, not an account metric') %}
            {% endif %}
        {% endfor %}
        {% if row.window_days is not none and row.window_days < 1 %}
            {% do out.append(at ~ 'window_days must be 1 or more') %}
        {% endif %}
        {% if row.min_lifetime_days is not none and row.min_lifetime_days < 0 %}
            {% do out.append(at ~ 'min_lifetime_days must not be negative') %}
        {% endif %}
        {% if row.direction not in (none, 'higher_is_better', 'lower_is_better') %}
            {% do out.append(at ~ 'direction must be higher_is_better, lower_is_better or empty') %}
        {% endif %}
        {% if not row.label %}
            {% do out.append(at ~ 'needs a label') %}
        {% endif %}
        {% if row.value_format not in formats %}
            {% do out.append(at ~ 'unknown value_format (' ~ formats | join(', ') ~ ')') %}
        {% elif row.value_format == 'flag' and '|' not in (row.driver_text or '') %}
            {% do out.append(at ~ "a flag needs driver_text 'text when 1|text when 0'") %}
        {% elif row.value_format != 'flag' and '{value}' not in (row.driver_text or '') %}
            {% do out.append(at ~ 'driver_text needs {value}') %}
        {% endif %}
    {% endfor %}
    {#- loops: resolve metrics whose inputs are resolved until nothing moves -#}
    {% set resolved = [] %}
    {% for _ in rows %}
        {% for row in rows if row.metric not in resolved %}
            {% if (not row.input_metric or row.input_metric in resolved or row.input_metric not in by_name)
                and (not row.divisor_metric or row.divisor_metric in resolved or row.divisor_metric not in by_name) %}
                {% do resolved.append(row.metric) %}
            {% endif %}
        {% endfor %}
    {% endfor %}
    {% for row in rows if row.metric not in resolved %}
        {% do out.append('metric_catalogue row metric=' ~ row.metric ~ ': its inputs refer back to it (a loop of input_metric / divisor_metric)') %}
    {% endfor %}
    {#- the metrics the risk signals read (signal_catalogue_metrics) -#}
    {% for name, needed in signal_catalogue_metrics().items() %}
        {% set at = 'metric_catalogue row metric=' ~ name ~ ': ' %}
        {% if name not in by_name %}
            {% do out.append(at ~ 'missing; the risk signals read it (' ~ needed.words ~ ')') %}
        {% else %}
            {% for field in ['kind', 'source', 'value_column', 'window_days', 'filter']
                if field in needed and by_name[name][field] != needed[field] %}
                {% do out.append(at ~ 'the risk signals read it as ' ~ needed.words ~ ', so ' ~ field ~ ' must be ' ~ (needed[field] if needed[field] is not none else 'empty') ~ '; add a metric of another name for another definition') %}
            {% endfor %}
        {% endif %}
    {% endfor %}
    {{ return(out) }}
{% endmacro %}
