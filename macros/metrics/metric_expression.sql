{#- The SQL of one planned catalogue metric (a row of metric_plan) over the
    CTEs of int_account_metrics_daily: one row per account and lifetime day,
    ordered by date_day, with the trailing-window and lifetime-total columns
    of its source (metric_window_sql), the `has_rows__<model>` presence flags,
    the state columns as `state__<column>`, lifetime_day and first_day, and
    the metrics of lower levels. The meaning of each kind is in docs/METRICS.md.
    With reads_back (a daily run), a change whose earlier day is older than
    the rows of the run reads the stored value, `back_<days>__<input>`.
    Values are rounded to 9 decimals: the order an engine sums a window in
    moves the last bits, and a percentile tie or a threshold must not depend
    on it. -#}
{% macro metric_expression(metric, reads_back=false) -%}
    {%- set sources = metric_sources() -%}
    {%- set name = metric.metric -%}
    {%- set by_day = 'partition by account_id order by date_day' -%}
    {%- set earlier = 'lag(' ~ metric.input_metric ~ ', ' ~ metric.window_days ~ ') over (' ~ by_day ~ ')' -%}
    {%- if reads_back and metric.kind == 'change' -%}
        {#- a day before the rows of the run: the stored value (CTE back) -#}
        {%- set earlier = 'coalesce(' ~ earlier ~ ', back_' ~ metric.window_days ~ '__'
            ~ metric.input_metric ~ ')' -%}
    {%- endif -%}
    {%- set present = 'has_rows__' ~ sources[metric.source].model if metric.source in sources else none -%}
    {%- set kind = metric.kind -%}
    {%- if kind in ('count', 'sum', 'mean', 'latest') and not metric.window_days -%}
        {#- a lifetime total: the carry columns of metric_window_sql -#}
        {%- set total = 'cast(' ~ name ~ '__carry_sum as double)' -%}
        {%- set sql = {
            'count': 'coalesce(' ~ name ~ '__carry_rows, 0)',
            'sum': 'coalesce(' ~ total ~ ', 0)',
            'mean': total ~ ' / nullif(' ~ name ~ '__carry_rows, 0)',
            'latest': name ~ '__carry_latest',
        }[kind] -%}
        {%- set sql = 'case when ' ~ present ~ ' then ' ~ sql ~ ' end' -%}
    {%- elif kind in ('count', 'distinct_count') -%}
        {%- set sql = 'case when ' ~ present ~ ' then coalesce(' ~ name ~ '__window, 0) end' -%}
    {%- elif kind == 'latest' -%}
        {%- set sql = 'case when ' ~ present ~ ' then ' ~ name ~ '__window end' -%}
    {%- elif kind == 'sum' -%}
        {%- set sql = 'case when ' ~ present ~ ' then coalesce(' ~ name ~ '__window_sum, 0) end' -%}
    {%- elif kind == 'mean' -%}
        {%- set sql = 'case when ' ~ present ~ ' then ' ~ name ~ '__window_sum / nullif('
            ~ name ~ '__window_rows, 0) end' -%}
    {%- elif kind == 'days_since' -%}
        {%- set last_day = 'coalesce(' ~ name ~ '__carry_last_day, first_day)' -%}
        {%- set sql = 'case when ' ~ present ~ ' then ' ~ dbt.datediff(last_day, 'date_day', 'day') ~ ' end' -%}
    {%- elif kind == 'tenure' -%}
        {%- set sql = dbt.datediff('first_day', 'date_day', 'day') -%}
    {%- elif kind == 'state' and metric.value_column == 'renewal_due' -%}
        {%- set sql = 'case when state__days_to_renewal <= ' ~ metric.window_days
            ~ ' then 1 when state__days_to_renewal is not null then 0 end' -%}
    {%- elif kind == 'state' -%}
        {%- set presence = sources.state.columns[metric.value_column] -%}
        {%- set sql = 'cast(state__' ~ metric.value_column ~ ' as double)' -%}
        {%- if presence -%}
            {%- set sql = 'case when has_rows__' ~ presence ~ ' then ' ~ sql ~ ' end' -%}
        {%- endif -%}
    {%- elif kind == 'ratio' -%}
        {%- set sql = 'cast(' ~ metric.input_metric ~ ' as double) / nullif('
            ~ metric.divisor_metric ~ ', 0)' -%}
    {%- elif kind == 'change' -%}
        {%- set sql = 'case when lifetime_day >= ' ~ metric.required_days ~ ' then ('
            ~ metric.input_metric ~ ' - ' ~ earlier ~ ') / nullif(abs(' ~ earlier ~ '), 0) end' -%}
    {%- elif kind == 'per_tenure' -%}
        {%- set sql = 'cast(' ~ metric.input_metric ~ ' as double) * ' ~ metric.window_days
            ~ ' / lifetime_day' -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error('metric_expression: no SQL for kind ' ~ kind ~ ' (metric ' ~ name ~ ')') }}
    {%- endif -%}
    {%- if metric.min_lifetime_days is not none -%}
        {%- set sql = 'case when ' ~ dbt.datediff('first_day', 'date_day', 'day') ~ ' >= '
            ~ metric.min_lifetime_days ~ ' then ' ~ sql ~ ' end' -%}
    {%- endif -%}
    round(cast({{ sql }} as double), 9)
{%- endmacro %}
