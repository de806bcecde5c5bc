{#- Bands within each group, ordered by lower bound (inclusive) and upper bound
    (exclusive; null = no upper limit), leave no gap and do not overlap; the top
    band is open-ended and, when `floor` is given, the bottom band starts at it
    (null lower bound = no lower limit). -#}
{% test seed_bands_are_contiguous(model, group_by, key_columns, lower, upper, floor=none) %}
    {% set violations %}
        with ordered as (
            select
                *,
                lead({{ lower }}) over (
                    partition by {{ group_by | join(', ') }}
                    order by {{ lower }} nulls first
                ) as next_lower,
                row_number() over (
                    partition by {{ group_by | join(', ') }}
                    order by {{ lower }} nulls first
                ) as band_position,
                count(*) over (partition by {{ group_by | join(', ') }}) as bands
            from {{ model }}
        ),

        checked as (
            select
                {{ seed_row_key(key_columns) }} as row_key,
                case
                    when {{ upper }} is not null and {{ upper }} <= {{ lower }}
                        then 'upper bound must be above the lower bound'
                    when band_position < bands and {{ upper }} is null
                        then 'only the top band may have no upper bound'
                    when band_position < bands and {{ upper }} < next_lower
                        then 'gap: nothing covers ' || cast({{ upper }} as {{ dbt.type_string() }})
                            || ' up to ' || cast(next_lower as {{ dbt.type_string() }})
                    when band_position < bands and {{ upper }} > next_lower
                        then 'overlap: the next band starts at '
                            || cast(next_lower as {{ dbt.type_string() }})
                            || ', below this upper bound '
                            || cast({{ upper }} as {{ dbt.type_string() }})
                    when band_position = bands and {{ upper }} is not null
                        then 'the top band must have no upper bound'
                    {%- if floor is not none %}
                    when band_position = 1 and {{ lower }} != {{ floor }}
                        then 'the bottom band must start at {{ floor }}'
                    {%- endif %}
                end as rule
            from ordered
        )

        select '{{ model.identifier }} row ' || row_key || ': ' || rule as violation
        from checked
        where rule is not null
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
