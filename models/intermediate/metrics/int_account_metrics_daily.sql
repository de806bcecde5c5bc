-- depends_on: {{ ref('incremental_settings') }}
-- depends_on: {{ ref('stg_billing__subscription_lines') }}
{{ config(
    materialized='incremental',
    incremental_strategy='replace_days',
    pre_hook="{{ record_recomputed_days() }}",
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('metric_catalogue') }}
-- depends_on: {{ ref('scoring_submetrics') }}
-- depends_on: {{ ref('int_events_enriched') }}
-- depends_on: {{ ref('int_user_days_aggregated') }}
-- depends_on: {{ ref('int_account_feature_days_aggregated') }}
-- depends_on: {{ ref('stg_support__tickets') }}
-- depends_on: {{ ref('stg_crm__activities') }}
-- depends_on: {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_surveys__nps_responses') }}
-- depends_on: {{ ref('stg_billing__payments') }}
-- depends_on: {{ ref('stg_billing__invoices') }}
-- depends_on: {{ ref('stg_product__features') }}
{#- Columns generated from seed metric_catalogue: the metrics the config set
    in var scoring_config_set scores, those the risk signals read
    (signal_catalogue_metrics), and the metrics they are made of.
    Incremental by day (docs/METRICS.md, rule "Daily runs continue"): a daily run recomputes
    the days after the last stored one less the lookback. A running total (a
    count, sum or mean, windowed or not, a latest value or last active day
    with no window) continues from the `<metric>__carry_*` columns of the last
    stored day before the rows it reads; a windowed count, sum or mean is the
    difference of two totals, and a change compares with a value, of the day N
    days back, read from the stored row of that day (CTE back) when it is
    older than the recomputed days. Only a windowed latest or distinct count
    reads its source as far back as its window. -#}
{%- set sources = metric_sources() %}
{%- set scored = config_set_metrics(var('scoring_config_set')) %}
{%- set plan = metric_plan(
    scored + (signal_catalogue_metrics().keys() | reject('in', scored) | list))
    | rejectattr('kind', 'equalto', 'export') | list %}
{%- set reads = plan | selectattr('kind', 'in', metric_read_kinds()) | list %}
{%- set read_sources = reads | map(attribute='source') | unique | list %}
{%- set carried = [] %}
{%- for metric in reads if metric_carry_columns(metric) %}
{%- do carried.append(metric) %}
{%- endfor %}
{%- set presence = metric_presence_models(plan) %}
{%- set levels = plan | map(attribute='level') | unique | sort | list %}
{%- set reach = metric_reach(plan) %}
{%- set after = recomputed_cut() %}
{#- in a daily run, the stored values a recomputed day reads N days back:
    running totals for the windows, inputs for the changes -#}
{%- set back_columns = {} %}
{%- set read_back = [reach.back_totals, reach.back_inputs] %}
{%- for by_days in read_back if after is not none %}
{%- for days_back, columns in by_days.items() %}
{%- do back_columns.setdefault(days_back, []).extend(columns) %}
{%- endfor %}
{%- endfor %}
{%- set change_back = reach.back_inputs if after is not none else {} %}

with account_spans as (
    select
        account_id,
        min(date_day) as first_day,
        max(date_day) as last_day
    from {{ ref('int_account_days_aggregated') }}
    group by account_id
),

spine_days as (
    select
        aggregated.account_id,
        aggregated.date_day,
        {%- for column in sources.state.columns if column != 'renewal_due' %}
        aggregated.{{ column }} as state__{{ column }},
        {%- endfor %}
        {#- whether the source has a row: the first one found ends the scan -#}
        {%- for model in presence %}
        (
            select count(*)
            from (select 1 as found from {{ ref(model) }} limit 1) as first_row
        ) > 0 as has_rows__{{ model }},
        {%- endfor %}
        spans.first_day
    from {{ ref('int_account_days_aggregated') }} as aggregated
    inner join account_spans as spans
        on aggregated.account_id = spans.account_id
    where {{ day_after('aggregated.date_day', after) }}
),

days as (
    {#- the spine is contiguous (int_account_days_spined), so a day's number
        in the lifetime follows from the first day #}
    select
        *,
        {{ dbt.datediff(
            'first_day', 'date_day', 'day'
        ) }} + 1 as lifetime_day
    from spine_days
),
{%- if back_columns %}

back as {{ materialized_cte() }} (
    {#- the stored rows of the days N days before a recomputed day, for each
        N of back_columns: days the run keeps, before its cut, and for the
        restarted accounts before theirs (recomputed_cut's accounts_day) -#}
    {%- set as_of = modules.datetime.date.fromisoformat(var('as_of_date') | string) %}
    {%- set cuts = [[after.day, none, false]] %}
    {%- if after.accounts and after.accounts_day %}
    {%- set cuts = [[after.day, after.accounts, false], [after.accounts_day, after.accounts, true]] %}
    {%- endif %}
    {%- for day, accounts, restarted in cuts %}
    {%- set cut = modules.datetime.date.fromisoformat(day) %}
    {%- set ranges = [] %}
    {%- for days_back in back_columns %}
    {%- do ranges.append([
        cut - modules.datetime.timedelta(days=days_back - 1),
        [cut, as_of - modules.datetime.timedelta(days=days_back)] | min]) %}
    {%- endfor %}
    {{- '\n    union all' if not loop.first }}
    select
        {%- for column in back_columns.values() | sum(start=[]) | unique %}
        {{ column }},
        {%- endfor %}
        account_id,
        date_day
    from {{ this }}
    where
        date_day >= cast('{{ ranges | map(attribute=0) | min }}' as date)
        and date_day <= cast('{{ ranges | map(attribute=1) | max }}' as date)
        and ({% for first, last in ranges %}
            {{- ' or ' if not loop.first }}date_day between cast('{{ first }}' as date)
            and cast('{{ last }}' as date)
        {%- endfor %})
        and not ({{ day_after('date_day', after) }})
        {%- if accounts %}
        and {{ 'not ' if not restarted }}({{ text_in('account_id', accounts) }})
        {%- endif %}
    {%- endfor %}
),
{%- endif %}
{#- metrics whose windows read as far back share their rows and windows (in
    a full build, every metric: one pass over the account-days) #}
{%- set reach_groups = {} %}
{%- for metric in reads %}
{%- set days_back = reach.metric_days[metric.metric] %}
{%- do reach_groups.setdefault(
    'all' if after is none or days_back is none else days_back, []
).append(metric) %}
{%- endfor %}
{%- for source_name in read_sources %}
{%- set source = sources[source_name] %}
{%- set metrics = reads | selectattr('source', 'equalto', source_name) | list %}
{%- set facts = metrics | rejectattr('kind', 'equalto', 'distinct_count') | list %}
{%- set distincts = metrics | selectattr('kind', 'equalto', 'distinct_count') | list %}
{%- set days_back = reach.source_days[source_name] %}
{%- if facts %}

{{ source_name }}_daily as (
    {#- a source already one row per account and day (the account-days) is
        read as it is, not grouped again #}
    {%- set grouped = not source.get('one_row_per_account_day') %}
    select
        account_id,
        cast({{ source.date_column }} as date) as date_day,
        {%- for metric in facts %}
        {%- set condition = metric_filter_sql(metric.filter) %}
        {%- set value = 'case when ' ~ condition ~ ' then ' ~ metric.value_column ~ ' end' %}
        {%- if metric.kind not in ('count', 'days_since') and grouped %}
        {{ exact_sum(value) }} as {{ metric.metric }}__sum,
        {%- elif metric.kind not in ('count', 'days_since') %}
        cast({{ exact_decimal(value) }} as double)
            as {{ metric.metric }}__sum,
        {%- endif %}
        {%- set counted = 'case when ' ~ condition ~ ' then '
            ~ ('1' if metric.kind in ('count', 'days_since') else metric.value_column) ~ ' end' %}
        {%- if grouped %}
        count({{ counted }}) as {{ metric.metric }}__rows
        {%- else %}
        cast(case when {{ counted }} is not null then 1 else 0 end as bigint)
            as {{ metric.metric }}__rows
        {%- endif %}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from ({{ rows_day_after(ref(source.model), source.date_column, after, days_back) }}) as facts
    {%- if grouped %}
    group by account_id, cast({{ source.date_column }} as date)
    {%- endif %}
),
{%- endif %}
{%- for metric in distincts %}

{{ metric.metric }}__things as (
    {#- a source already one row per account, thing and day needs no distinct
        (the deltas' window then sorts its rows straight away) #}
    select {{ '' if metric.value_column in source.get('one_row_per_day_of', []) else 'distinct' }}
        facts.account_id,
        facts.{{ metric.value_column }} as thing,
        cast(facts.{{ source.date_column }} as date) as date_day
    from ({{ rows_day_after(ref(source.model), source.date_column, after, days_back) }}) as facts
    inner join account_spans as spans
        on
            facts.account_id = spans.account_id
            and cast(facts.{{ source.date_column }} as date)
            between spans.first_day and spans.last_day
    where
        {{ metric_filter_sql(metric.filter) }}
        and facts.{{ metric.value_column }} is not null
),

{{ metric.metric }}__deltas as (
    {%- if metric.window_days %}
    {{ trailing_distinct_deltas(
        metric.metric ~ '__things', 'thing', metric.window_days
    ) }}
    {%- else %}
    select
        account_id,
        min(date_day) as date_day,
        1 as delta
    from {{ metric.metric }}__things
    group by account_id, thing
    {%- endif %}
),

{{ metric.metric }}__daily as (
    select
        account_id,
        date_day,
        sum(delta) as {{ metric.metric }}__delta
    from {{ metric.metric }}__deltas
    group by account_id, date_day
),
{%- endfor %}
{%- endfor %}
{%- for days_back, metrics in reach_groups.items() %}
{%- set group = 'read_' ~ loop.index %}
{%- set group_sources = metrics | map(attribute='source') | unique | list %}
{%- set group_carried = carried | selectattr('metric', 'in', metrics | map(attribute='metric') | list) | list %}
{%- set with_prior = group_carried and after is not none %}
{%- set days_back = none if days_back == 'all' else days_back %}
{#- the stored totals this group's differenced windows read, [days, total]:
    each window length joins the stored row of the day that many days back -#}
{%- set group_back_columns = [] %}
{%- for metric in metrics if after is not none and metric_differences_totals(metric) %}
{%- for column in metric_carry_columns(metric) %}
{%- do group_back_columns.append([metric.window_days, column.name]) %}
{%- endfor %}
{%- endfor %}
{%- set group_back = group_back_columns | map(attribute=0) | unique | sort | list %}

{{ group }}_days as (
    {#- the account-days this group of metrics is read over #}
    select
        account_id,
        date_day
    from {{ ref('int_account_days_aggregated') }}
    where {{ day_after('date_day', after, days_back) }}
),
{%- if with_prior %}

{#- the lifetime totals on each account's last stored day before the rows
    read #}
{%- set carry_names = [] %}
{%- for metric in group_carried %}
{%- do carry_names.extend(metric_carry_columns(metric) | map(attribute='name')) %}
{%- endfor %}
{{ group }}_prior as (
    {{ prior_rows(carry_names, after, days_back) }}
),
{%- endif %}

{{ group }}_rows as (
    select
        {%- for source_name in group_sources %}
        {%- set source_metrics = metrics | selectattr('source', 'equalto', source_name) | list %}
        {%- for metric in source_metrics %}
        {%- if metric.kind == 'distinct_count' %}
        {{ metric.metric }}__daily.{{ metric.metric }}__delta,
        {%- else %}
        {%- if metric.kind not in ('count', 'days_since') %}
        {{ source_name }}_daily.{{ metric.metric }}__sum,
        {%- endif %}
        {{ source_name }}_daily.{{ metric.metric }}__rows,
        {%- endif %}
        {%- endfor %}
        {%- endfor %}
        {%- for metric in group_carried if with_prior %}
        {%- for column in metric_carry_columns(metric) %}
        {{ group }}_prior.{{ column.name }} as prior__{{ column.name }},
        {%- endfor %}
        {%- endfor %}
        {%- for window_days, column in group_back_columns %}
        back_{{ window_days }}.{{ column }} as back_{{ window_days }}__{{ column }},
        {%- endfor %}
        {{ group }}_days.account_id,
        {{ group }}_days.date_day
    from {{ group }}_days
    {%- for source_name in group_sources %}
    {%- set source_metrics = metrics | selectattr('source', 'equalto', source_name) | list %}
    {%- if source_metrics | rejectattr('kind', 'equalto', 'distinct_count') | list %}
    left join {{ source_name }}_daily
        on
            {{ group }}_days.account_id = {{ source_name }}_daily.account_id
            and {{ group }}_days.date_day = {{ source_name }}_daily.date_day
    {%- endif %}
    {%- for metric in source_metrics if metric.kind == 'distinct_count' %}
    left join {{ metric.metric }}__daily
        on
            {{ group }}_days.account_id = {{ metric.metric }}__daily.account_id
            and {{ group }}_days.date_day = {{ metric.metric }}__daily.date_day
    {%- endfor %}
    {%- endfor %}
    {%- if with_prior %}
    left join {{ group }}_prior
        on {{ group }}_days.account_id = {{ group }}_prior.account_id
    {%- endif %}
    {%- for days_back in group_back %}
    {{ stored_back_join(group ~ '_days', days_back) }}
    {%- endfor %}
),

{{ group }}_totals as (
    select
        {%- for metric in metrics %}
        {{ metric_window_sql(metric, with_prior) }},
        {%- endfor %}
        {%- for window_days, column in group_back_columns %}
        back_{{ window_days }}__{{ column }},
        {%- endfor %}
        account_id,
        date_day
    from {{ group }}_rows
),

{{ group }}_{{ 'trailing' if after is not none else 'windows' }} as (
    select
        {%- for metric in metrics if metric_differences_totals(metric) %}
        {{ metric_window_difference_sql(metric, after is not none) }},
        {%- endfor %}
        *
    from {{ group }}_totals
),
{%- if after is not none %}

{{ group }}_windows as (
    {#- the days the run writes; the days before them that a window read
        are kept as stored -#}
    select *
    from {{ group }}_trailing
    where {{ day_after('date_day', after) }}
),
{%- endif %}
{%- endfor %}

{%- set window_columns = [] %}
{%- for days_back, metrics in reach_groups.items() %}
    {%- set group = 'read_' ~ loop.index %}
    {%- for metric in metrics %}
        {%- for column in metric_window_columns(metric) %}
            {%- do window_columns.append(group ~ '_windows.' ~ column) %}
        {%- endfor %}
    {%- endfor %}
{%- endfor %}
{%- if levels %}

joined as (
    select
        {%- for column in window_columns %}
        {{ column }},
        {%- endfor %}
        {%- for days_back, inputs in change_back.items() %}
        {%- for input in inputs %}
        back_{{ days_back }}.{{ input }} as back_{{ days_back }}__{{ input }},
        {%- endfor %}
        {%- endfor %}
        days.*
    from days
    {%- for group_metrics in reach_groups.values() %}
    left join read_{{ loop.index }}_windows
        on
            days.account_id = read_{{ loop.index }}_windows.account_id
            and days.date_day = read_{{ loop.index }}_windows.date_day
    {%- endfor %}
    {%- for days_back in change_back %}
    {{ stored_back_join('days', days_back) }}
    {%- endfor %}
),
{%- endif %}
{#- the selects computing the planned metrics, in order. A change's lag is
    a window: a sort of the account-days with every column read after it.
    The changes whose inputs are ready share one select, so one sort
    (decision 45); each change adds a stage. Within a stage the other metrics
    follow their inputs by level, in selects computed row by row. -#}
{%- set stage_of = {} %}
{%- for metric in plan %}
{%- set stage = namespace(number=0) %}
{%- for input in [metric.input_metric, metric.divisor_metric] if input %}
{%- set stage.number = [stage.number, stage_of[input]] | max %}
{%- endfor %}
{%- do stage_of.update({metric.metric: stage.number + (1 if metric.kind == 'change' else 0)}) %}
{%- endfor %}
{%- set steps = [] %}
{%- for stage in range((stage_of.values() | list + [0]) | max + 1) %}
{%- set changes = [] %}
{%- for metric in plan
    if metric.kind == 'change' and stage_of[metric.metric] == stage %}
{%- do changes.append(metric) %}
{%- endfor %}
{%- if changes %}
{%- do steps.append({'name': 'changes_' ~ stage, 'metrics': changes}) %}
{%- endif %}
{%- for level in levels %}
{%- set others = [] %}
{%- for metric in plan
    if metric.kind != 'change' and stage_of[metric.metric] == stage and metric.level == level %}
{%- do others.append(metric) %}
{%- endfor %}
{%- if others %}
{%- do steps.append({
    'name': 'level_' ~ level ~ ('' if stage == 0 else '_after_changes_' ~ stage),
    'metrics': others}) %}
{%- endif %}
{%- endfor %}
{%- endfor %}
{%- set previous = namespace(name='joined') %}
{%- for step in steps %}

{{ step.name }} as (
    select
        {{ previous.name }}.*,
        {%- for metric in step.metrics %}
        {{ metric_expression(metric, reads_back=after is not none) }} as {{ metric.metric }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ previous.name }}
),
{%- set previous.name = step.name %}
{%- endfor %}

final as (
    select
        account_id,
        date_day,
        {%- for metric in plan %}
        {{ metric.metric }},
        {%- endfor %}
        {%- for metric in carried %}
        {%- for column in metric_carry_columns(metric) %}
        {{ column.name }},
        {%- endfor %}
        {%- endfor %}
        lifetime_day
    from {{ previous.name if levels else 'days' }}
    where {{ day_after('date_day', after) }}
)

select * from final
