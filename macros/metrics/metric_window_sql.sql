{#- The trailing-window columns of one metric that reads a fact source, over
    the CTE <source>_rows of int_account_metrics_daily (one row per account
    and day read, with the day's `__rows` / `__sum` / `__delta` and, in a
    daily run, the `prior__` totals of the last stored day before them).
    Windowed sums add decimals of values rounded to 9 decimals, so a daily run
    and a full build add the same numbers to the same bits. A metric with no
    window keeps its lifetime total in carry columns (metric_carry_columns),
    continued from the prior totals in a daily run (with_prior). -#}
{% macro metric_window_sql(metric, with_prior) -%}
    {%- set name = metric.metric -%}
    {%- set by_day = 'partition by account_id order by date_day' -%}
    {%- set window = 'over (' ~ by_day ~ ' ' ~ trailing_frame(metric.window_days) ~ ')' -%}
    {%- set running = 'over (' ~ by_day ~ ' ' ~ trailing_frame(none) ~ ')' -%}
    {%- set exact = exact_decimal(name ~ '__sum') -%}
    {%- if metric.kind == 'distinct_count' -%}
        sum({{ name }}__delta) {{ running }} as {{ name }}__window
    {%- elif metric.window_days and metric.kind == 'count' -%}
        sum({{ name }}__rows) {{ window }} as {{ name }}__window
    {%- elif metric.window_days and metric.kind in ('sum', 'mean') -%}
        cast(sum({{ exact }}) {{ window }} as double) as {{ name }}__window_sum,
        sum({{ name }}__rows) {{ window }} as {{ name }}__window_rows
    {%- elif metric.window_days and metric.kind == 'latest' -%}
        {{ last_non_null(name ~ '__sum / nullif(' ~ name ~ '__rows, 0)') }} {{ window }}
            as {{ name }}__window
    {%- else -%}
        {%- set columns = [] -%}
        {%- for column in metric_carry_columns(metric) -%}
            {%- set prior = 'prior__' ~ column.name if with_prior else none -%}
            {%- if column.name.endswith('__carry_rows') -%}
                {%- set sql = running_value('sum', name ~ '__rows', prior) -%}
            {%- elif column.name.endswith('__carry_sum') -%}
                {%- set sql = running_value('sum', exact, prior) -%}
            {%- elif column.name.endswith('__carry_latest') -%}
                {%- set sql = running_value(
                    'last', name ~ '__sum / nullif(' ~ name ~ '__rows, 0)', prior) -%}
            {%- else -%}
                {%- set sql = running_value(
                    'max', 'case when ' ~ name ~ '__rows > 0 then date_day end', prior) -%}
            {%- endif -%}
            {%- do columns.append('cast(' ~ sql ~ ' as ' ~ column.type ~ ') as ' ~ column.name) -%}
        {%- endfor -%}
        {{ columns | join(',\n        ') }}
    {%- endif -%}
{%- endmacro %}

{#- The window columns metric_window_sql gives a metric (by name). -#}
{% macro metric_window_columns(metric) %}
    {%- if metric.kind == 'distinct_count'
        or (metric.window_days and metric.kind in ('count', 'latest')) -%}
        {{ return([metric.metric ~ '__window']) }}
    {%- elif metric.window_days and metric.kind in ('sum', 'mean') -%}
        {{ return([metric.metric ~ '__window_sum', metric.metric ~ '__window_rows']) }}
    {%- endif -%}
    {{ return(metric_carry_columns(metric) | map(attribute='name') | list) }}
{% endmacro %}

{#- The lifetime totals a metric with no window stores on every row of
    int_account_metrics_daily, so a daily run continues them: the rows counted
    (count, mean), the exact sum (sum, mean), the latest daily value (latest)
    or the last day with a row (days_since); none for the other kinds. -#}
{% macro metric_carry_columns(metric) %}
    {%- set name = metric.metric -%}
    {%- set rows = {'name': name ~ '__carry_rows', 'type': 'bigint'} -%}
    {%- set total = {'name': name ~ '__carry_sum', 'type': 'decimal(38, 9)'} -%}
    {%- if metric.window_days or metric.kind not in metric_read_kinds() -%}
        {{ return([]) }}
    {%- elif metric.kind == 'count' -%}
        {{ return([rows]) }}
    {%- elif metric.kind == 'sum' -%}
        {{ return([total]) }}
    {%- elif metric.kind == 'mean' -%}
        {{ return([total, rows]) }}
    {%- elif metric.kind == 'latest' -%}
        {{ return([{'name': name ~ '__carry_latest', 'type': 'double'}]) }}
    {%- elif metric.kind == 'days_since' -%}
        {{ return([{'name': name ~ '__carry_last_day', 'type': 'date'}]) }}
    {%- endif -%}
    {{ return([]) }}
{% endmacro %}
