{#- The predicate keeping the days an incremental day-grain model computes on
    this run: in a full build, every day (true); in an incremental run, the
    days after its last stored date_day (or the as-of day, when a run replays
    an earlier one) less lookback_days of seed incremental_settings (rows that
    arrive late), and extra_days before that for inputs that a trailing window
    reads. A model calling it declares
    `-- depends_on: {{ ref('incremental_settings') }}`. docs/DEFINITIONS.md 6. -#}
{% macro recomputed_days(date_column, extra_days=0) %}
    {%- if is_incremental() -%}
    {{ date_column }} > (
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
    )
    {%- else -%}
    true
    {%- endif %}
{% endmacro %}
