-- depends_on: {{ ref('incremental_settings') }}
{%- for source_table, model, date_columns, by_load, key in raw_row_days()
    if date_columns | length > 1 %}
-- depends_on: {{ ref(model.replace('stg_', 'base_', 1)) }}
{%- endfor %}
{#-
    One row per run and raw table (primary key run_number + source_table): the
    latest _loaded_at the run saw (its watermark), the rows loaded since the
    previous run's watermark, and of them the late rows: rows dated on or before
    the last day this run did not recompute (last_day_kept: the earlier of the
    previous run's as-of day and this one's, less lookback_days of seed
    incremental_settings, or the day before var recompute_from when that is
    earlier), so the incremental day-grain models (scores, signals, daily
    product facts) still hold their days as computed without them. A row's day
    is the earliest of its dating columns when no version of its key was
    loaded by the previous watermark (base model), the latest of them
    otherwise (macro raw_row_days). A full refresh
    starts the log again at run 1 with no late rows. The test on it warns,
    naming the table, the run, the count and the earliest day, until a later
    run recomputes from that day (recompute_from) or a --full-refresh
    (docs/DEFINITIONS.md 6). A table stored by load (raw_row_days) is read from
    the rows loaded after the previous run's watermark only, a literal read when
    the model compiles, so that the scan skips the row groups of the earlier
    loads; its watermark is the previous one when nothing was loaded since.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}
{%- set watermarks = {} %}
{%- if execute and is_incremental() %}
    {%- set logged = run_query(
        'select source_table, loaded_watermark from ' ~ this
        ~ ' where run_number = (select max(stored.run_number) from ' ~ this
        ~ ' as stored)') %}
    {%- for source_table, watermark in logged.rows if watermark is not none %}
        {%- do watermarks.update({source_table: watermark}) %}
    {%- endfor %}
{%- endif %}

with previous as (
    {%- if is_incremental() %}
    select
        run_number,
        as_of_date,
        source_table,
        loaded_watermark
    from {{ this }}
    where run_number = (select max(stored.run_number) from {{ this }} as stored)
    {%- else %}
    select
        cast(null as integer) as run_number,
        cast(null as date) as as_of_date,
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_timestamp() }}) as loaded_watermark
    where false
    {%- endif %}
),

this_run as (
    select
        cast(coalesce(max(previous.run_number), 0) + 1 as integer)
            as run_number,
        cast({{ kept_before_recompute_from(lookback_kept_day(
            'coalesce(max(previous.as_of_date), ' ~ as_of_date() ~ ')',
            'max(incremental.lookback_days)'
        )) }} as date) as last_day_kept
    from {{ ref('incremental_settings') }} as incremental
    left join previous on true
),

loads as (
    {%- for source_table, model, date_columns, by_load, key in raw_row_days() %}
    {%- set previous_watermark = watermarks.get(source_table) %}
    {%- set since = previous_watermark if by_load else none %}
    select
        '{{ source_table }}' as source_table,
        {%- if since is none %}
        max(rows_dated._loaded_at) as loaded_watermark,
        {%- else %}
        coalesce(
            max(rows_dated._loaded_at),
            cast('{{ since }}' as {{ dbt.type_timestamp() }})
        ) as loaded_watermark,
        {%- endif %}
        count(
            case
                when rows_dated._loaded_at > previous.loaded_watermark then 1
            end
        ) as rows_loaded_since,
        count(
            case
                when
                    rows_dated._loaded_at > previous.loaded_watermark
                    and rows_dated.dated_day <= this_run.last_day_kept
                    then 1
            end
        ) as late_rows,
        min(
            case
                when
                    rows_dated._loaded_at > previous.loaded_watermark
                    and rows_dated.dated_day <= this_run.last_day_kept
                    then rows_dated.dated_day
            end
        ) as earliest_late_day
    from (
        select
            loaded._loaded_at,
            cast(
                {%- if date_columns | length == 1 %}
                loaded.{{ date_columns[0] }}
                {%- elif previous_watermark is none %}
                {{ raw_row_day(date_columns, 'greatest') }}
                {%- else %}
                case
                    when stored_keys.{{ key }} is null
                        then {{ raw_row_day(date_columns, 'least') }}
                    else {{ raw_row_day(date_columns, 'greatest') }}
                end
                {%- endif %}
                as date
            ) as dated_day
        from {{ ref(model) }} as loaded
        {%- if date_columns | length > 1 and previous_watermark is not none %}
        left join (
            select distinct versions.{{ key }}
            from {{ ref(model.replace('stg_', 'base_', 1)) }} as versions
            where
                versions._loaded_at
                <= cast('{{ previous_watermark }}' as {{ dbt.type_timestamp() }})
        ) as stored_keys
            on loaded.{{ key }} = stored_keys.{{ key }}
        {%- endif %}
        {%- if since is not none %}
        where
            loaded._loaded_at
            > cast('{{ since }}' as {{ dbt.type_timestamp() }})
        {%- endif %}
    ) as rows_dated
    cross join this_run
    left join previous
        on previous.source_table = '{{ source_table }}'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        this_run.run_number,
        {{ as_of_date() }} as as_of_date,
        loads.source_table,
        loads.loaded_watermark,
        cast(loads.rows_loaded_since as bigint) as rows_loaded_since,
        cast(loads.late_rows as bigint) as late_rows,
        loads.earliest_late_day,
        this_run.last_day_kept
    from loads
    cross join this_run
)

select * from final
