{#- The SQL of one planned catalogue metric (a row of metric_plan) over the
    CTEs of int_account_metrics_daily: one row per account and lifetime day,
    ordered by date_day, with the day's `<metric>__rows` / `__sum` /
    `__delta` columns of its source, the `has_rows__<model>` presence flags,
    the state columns as `state__<column>`, lifetime_day and first_day, and
    the metrics of lower levels. The meaning of each kind is in docs/METRICS.md.
    Values are rounded to 9 decimals: the order an engine sums a window in
    moves the last bits, and a percentile tie or a threshold must not depend
    on it. -#}
{% macro metric_expression(metric) -%}
    {%- set sources = metric_sources() -%}
    {%- set name = metric.metric -%}
    {%- set by_day = 'partition by account_id order by date_day' -%}
    {%- set window = 'over (' ~ by_day ~ ' ' ~ trailing_frame(metric.window_days) ~ ')' -%}
    {%- set lifetime = 'over (' ~ by_day ~ ' ' ~ trailing_frame(none) ~ ')' -%}
    {%- set earlier = 'lag(' ~ metric.input_metric ~ ', ' ~ metric.window_days ~ ') over (' ~ by_day ~ ')' -%}
    {%- set present = 'has_rows__' ~ sources[metric.source].model if metric.source in sources else none -%}
    {%- set kind = metric.kind -%}
    {%- if kind == 'count' -%}
        {%- set sql = 'case when ' ~ present ~ ' then coalesce(sum(' ~ name ~ '__rows) ' ~ window ~ ', 0) end' -%}
    {%- elif kind == 'sum' -%}
        {%- set sql = 'case when ' ~ present ~ ' then coalesce(sum(' ~ name ~ '__sum) ' ~ window ~ ', 0) end' -%}
    {%- elif kind == 'mean' -%}
        {%- set sql = 'case when ' ~ present ~ ' then sum(' ~ name ~ '__sum) ' ~ window
            ~ ' / nullif(sum(' ~ name ~ '__rows) ' ~ window ~ ', 0) end' -%}
    {%- elif kind == 'latest' -%}
        {%- set sql = 'case when ' ~ present ~ ' then last_value(' ~ name ~ '__sum / nullif('
            ~ name ~ '__rows, 0) ignore nulls) ' ~ window ~ ' end' -%}
    {%- elif kind == 'distinct_count' -%}
        {%- set sql = 'case when ' ~ present ~ ' then coalesce(sum(' ~ name ~ '__delta) ' ~ lifetime ~ ', 0) end' -%}
    {%- elif kind == 'days_since' -%}
        {%- set last_day = 'coalesce(max(case when ' ~ name ~ '__rows > 0 then date_day end) '
            ~ lifetime ~ ', first_day)' -%}
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
