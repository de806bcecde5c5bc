{#- The trailing-window and running-total columns of one metric that reads a
    fact source, over the CTE <group>_rows of int_account_metrics_daily (one
    row per account and day read, with the day's `__rows` / `__sum` /
    `__delta` and, in a daily run, the `prior__` totals of the last stored day
    before them). Sums add decimals of values rounded to 9 decimals, so a
    daily run and a full build add the same numbers to the same bits. A metric
    keeps its running totals in carry columns (metric_carry_columns),
    continued from the prior totals in a daily run (with_prior); the window of
    a windowed count, sum or mean is a difference of them
    (metric_window_difference_sql), computed over these columns. -#}
{% macro metric_window_sql(metric, with_prior) -%}
    {%- set name = metric.metric -%}
    {%- set by_day = 'partition by account_id order by date_day' -%}
    {%- set running = 'over (' ~ by_day ~ ' ' ~ trailing_frame(none) ~ ')' -%}
    {%- set exact = exact_decimal(name ~ '__sum') -%}
    {%- set columns = [] -%}
    {%- if metric.kind == 'distinct_count' -%}
        {%- do columns.append('sum(' ~ name ~ '__delta) ' ~ running ~ ' as ' ~ name ~ '__window') -%}
    {%- elif metric.window_days and metric.kind == 'latest' -%}
        {%- do columns.append(last_non_null(name ~ '__sum / nullif(' ~ name ~ '__rows, 0)')
            ~ ' over (' ~ by_day ~ ' ' ~ trailing_frame(metric.window_days) ~ ') as '
            ~ name ~ '__window') -%}
    {%- endif -%}
    {%- for column in metric_carry_columns(metric) -%}
        {%- set prior = 'prior__' ~ column.name if with_prior else none -%}
        {%- if column.name.endswith('__carry_rows') -%}
            {%- set sql = running_value('sum', name ~ '__rows', prior) -%}
        {%- elif column.name.endswith('__carry_sum') -%}
            {%- set sql = running_value(
                'sum', exact, prior, sum_type=column.type) -%}
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
{%- endmacro %}

{#- The window of a windowed count, sum or mean (metric_differences_totals),
    over the columns of metric_window_sql: each running total less its value
    window_days rows (days) before, the value of the day before the account's
    first day being 0. In a daily run (reads_back) a day that is not among the
    rows read takes the total stored for it, `back_<window_days>__<total>`. -#}
{% macro metric_window_difference_sql(metric, reads_back) -%}
    {%- set columns = [] -%}
    {%- for column in metric_carry_columns(metric) -%}
        {%- set earlier = 'lag(' ~ column.name ~ ', ' ~ metric.window_days
            ~ ') over (partition by account_id order by date_day)' -%}
        {%- if reads_back -%}
            {%- set earlier = earlier ~ ', back_' ~ metric.window_days ~ '__' ~ column.name -%}
        {%- endif -%}
        {%- set sql = column.name ~ ' - coalesce(' ~ earlier ~ ', 0)' -%}
        {%- if column.name.endswith('__carry_sum') -%}
            {%- do columns.append('cast(' ~ sql ~ ' as double) as ' ~ metric.metric ~ '__window_sum') -%}
        {%- elif metric.kind == 'count' -%}
            {%- do columns.append(sql ~ ' as ' ~ metric.metric ~ '__window') -%}
        {%- else -%}
            {%- do columns.append(sql ~ ' as ' ~ metric.metric ~ '__window_rows') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}

{#- The columns metric_window_sql and metric_window_difference_sql give a
    metric (by name). -#}
{% macro metric_window_columns(metric) %}
    {%- set carried = metric_carry_columns(metric) | map(attribute='name') | list -%}
    {%- if metric.kind == 'distinct_count'
        or (metric.window_days and metric.kind in ('count', 'latest')) -%}
        {{ return([metric.metric ~ '__window'] + carried) }}
    {%- elif metric.window_days and metric.kind == 'sum' -%}
        {{ return([metric.metric ~ '__window_sum'] + carried) }}
    {%- elif metric.window_days and metric.kind == 'mean' -%}
        {{ return([metric.metric ~ '__window_sum', metric.metric ~ '__window_rows'] + carried) }}
    {%- endif -%}
    {{ return(carried) }}
{% endmacro %}

{#- The running totals a metric stores on every row of
    int_account_metrics_daily, so a daily run continues them: the rows counted
    (count, mean), the exact sum (sum, mean), the latest daily value (a
    lifetime latest) or the last day with a row (days_since); none for a
    distinct count, a windowed latest or a kind that reads no source. A
    windowed count, sum or mean keeps its totals too: its window is their
    difference (metric_differences_totals). -#}
{% macro metric_carry_columns(metric) %}
    {%- set name = metric.metric -%}
    {%- set rows = {'name': name ~ '__carry_rows', 'type': 'bigint'} -%}
    {#- a digit short of the widest decimal: the difference of two totals (a
        window) then keeps its 9 decimals on Spark, which otherwise drops one -#}
    {%- set total = {'name': name ~ '__carry_sum', 'type': 'decimal(37, 9)'} -%}
    {%- if metric.kind not in metric_read_kinds()
        or (metric.window_days and not metric_differences_totals(metric)) -%}
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
