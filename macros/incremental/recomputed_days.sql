{#- The predicate keeping the days an incremental day-grain model computes on
    this run: in a full build, every day (true); in an incremental run, the
    days after its last stored date_day (or the as-of day, when a run replays
    an earlier one) less lookback_days of seed incremental_settings (rows that
    arrive late), and extra_days before that for inputs that a trailing window
    reads. A model calling it declares
    `-- depends_on: {{ ref('incremental_settings') }}`. docs/DEFINITIONS.md 6. -#}
{% macro recomputed_days(date_column, extra_days=0) %}
    {%- if is_incremental() -%}
    {{ date_column }} > ({{ recomputed_after_sql(extra_days) }})
    {%- else -%}
    true
    {%- endif %}
{% endmacro %}

{#- The scalar query giving the last day an incremental run keeps (days after
    it are recomputed), less extra_days: 1900-01-01 while the table is empty. -#}
{% macro recomputed_after_sql(extra_days=0) %}
    select
        case
            when max(stored.date_day) is null
                then cast('1900-01-01' as date)
            else {{ dbt.dateadd(
                'day',
                '-(max(settings.lookback_days) + ' ~ extra_days ~ ')',
                'least(max(stored.date_day), ' ~ as_of_date() ~ ')'
            ) }}
        end
    from {{ this }} as stored
    cross join {{ ref('incremental_settings') }} as settings
{% endmacro %}

{#- The same day as a YYYY-MM-DD text, read when the model compiles, for a
    model that filters its inputs by literal dates (so a scan of a stored
    table can skip older row groups by their min/max); none in a full build or
    before execution. -#}
{% macro recomputed_after_date() %}
    {% if not (execute and is_incremental()) %}{{ return(none) }}{% endif %}
    {% set day = run_query(recomputed_after_sql()).columns[0].values()[0] %}
    {{ return(day | string) }}
{% endmacro %}

{#- A filter keeping `column` (a date or timestamp) after day `after` less
    `days_back` days: true when after is none (a full build) or days_back is
    none (the whole history is needed). -#}
{% macro day_after(column, after, days_back=0) -%}
    {%- if after is none or days_back is none -%}
        true
    {%- else -%}
        {%- set day = modules.datetime.date.fromisoformat(after[:10])
            - modules.datetime.timedelta(days=days_back) -%}
        cast({{ column }} as date) > cast('{{ day.isoformat() }}' as date)
    {%- endif -%}
{%- endmacro %}
