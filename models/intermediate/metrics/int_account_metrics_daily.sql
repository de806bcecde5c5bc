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
    in var scoring_config_set scores, and the metrics they are made of. -#}
{%- set sources = metric_sources() %}
{%- set plan = metric_plan(config_set_metrics(var('scoring_config_set')))
    | rejectattr('kind', 'equalto', 'export') | list %}
{%- set read_kinds = ['count', 'sum', 'mean', 'latest', 'days_since'] %}
{%- set facts = plan | selectattr('kind', 'in', read_kinds) | list %}
{%- set distincts = plan
    | selectattr('kind', 'equalto', 'distinct_count') | list %}
{%- set fact_sources = facts | map(attribute='source') | unique | list %}
{%- set presence = metric_presence_models(plan) %}
{%- set levels = plan | map(attribute='level') | unique | sort | list %}

with days as (
    select
        account_id,
        date_day,
        {%- for column in sources.state.columns if column != 'renewal_due' %}
        {{ column }} as state__{{ column }},
        {%- endfor %}
        {%- for model in presence %}
        (select count(*) from {{ ref(model) }}) > 0 as has_rows__{{ model }},
        {%- endfor %}
        row_number() over (
            partition by account_id order by date_day
        ) as lifetime_day,
        min(date_day) over (partition by account_id) as first_day
    from {{ ref('int_account_days_aggregated') }}
),

{%- if distincts %}

lifetimes as (
    select
        account_id,
        min(date_day) as first_day,
        max(date_day) as last_day
    from days
    group by account_id
),
{%- endif %}
{%- for source_name in fact_sources %}
{%- set source = sources[source_name] %}

{{ source_name }}_daily as (
    select
        account_id,
        cast({{ source.date_column }} as date) as date_day,
        {%- for metric in facts if metric.source == source_name %}
        {%- set condition = metric_filter_sql(metric.filter) %}
        {%- if metric.kind in ('count', 'days_since') %}
        count(case when {{ condition }} then 1 end) as {{ metric.metric }}__rows,
        {%- else %}
        sum(case when {{ condition }} then {{ metric.value_column }} end)
            as {{ metric.metric }}__sum,
        count(case when {{ condition }} then {{ metric.value_column }} end)
            as {{ metric.metric }}__rows,
        {%- endif %}
        {%- endfor %}
        count(*) as source_rows
    from {{ ref(source.model) }}
    group by account_id, cast({{ source.date_column }} as date)
),
{%- endfor %}
{%- for metric in distincts %}
{%- set source = sources[metric.source] %}

{{ metric.metric }}__things as (
    {#- a source already one row per account, thing and day needs no distinct
        (the deltas' window then sorts its rows straight away) #}
    select {{ '' if metric.value_column in source.get('one_row_per_day_of', []) else 'distinct' }}
        facts.account_id,
        facts.{{ metric.value_column }} as thing,
        cast(facts.{{ source.date_column }} as date) as date_day
    from {{ ref(source.model) }} as facts
    inner join lifetimes
        on
            facts.account_id = lifetimes.account_id
            and cast(facts.{{ source.date_column }} as date)
            between lifetimes.first_day and lifetimes.last_day
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

{%- if levels %}

joined as (
    select
        {%- for metric in facts %}
        {{ metric.source }}_daily.{{ metric.metric }}__rows,
        {%- if metric.kind not in ('count', 'days_since') %}
        {{ metric.source }}_daily.{{ metric.metric }}__sum,
        {%- endif %}
        {%- endfor %}
        {%- for metric in distincts %}
        {{ metric.metric }}__daily.{{ metric.metric }}__delta,
        {%- endfor %}
        days.*
    from days
    {%- for source_name in fact_sources %}
    left join {{ source_name }}_daily
        on
            days.account_id = {{ source_name }}_daily.account_id
            and days.date_day = {{ source_name }}_daily.date_day
    {%- endfor %}
    {%- for metric in distincts %}
    left join {{ metric.metric }}__daily
        on
            days.account_id = {{ metric.metric }}__daily.account_id
            and days.date_day = {{ metric.metric }}__daily.date_day
    {%- endfor %}
),
{%- endif %}
{%- set previous = namespace(name='joined') %}
{%- for level in levels %}

level_{{ level }} as (
    select
        {{ previous.name }}.*,
        {%- for metric in plan if metric.level == level %}
        {{ metric_expression(metric) }} as {{ metric.metric }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ previous.name }}
),
{%- set previous.name = 'level_' ~ level %}
{%- endfor %}

final as (
    select
        account_id,
        date_day,
        {%- for metric in plan %}
        {{ metric.metric }},
        {%- endfor %}
        lifetime_day
    from {{ previous.name if levels else 'days' }}
)

select * from final
