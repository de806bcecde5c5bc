{#- For a day-grain incremental model that carries running values (a lifetime
    total, the last day something happened): the stored values of each key
    (by default the account) on its last stored day at or before day `after`
    less `days_back`, the day before the rows the run reads; with `condition`,
    only among the stored rows it holds for. One row per key; the columns keep
    their names. Only called in a daily run (after is not none).
    docs/DEFINITIONS.md 6. -#}
{% macro prior_rows(columns, after, days_back=0, keys=['account_id'], condition=none) %}
    select
        {%- for column in columns %}
        {{ value_at_max(column, 'date_day') }} as {{ column }},
        {%- endfor %}
        {{ keys | join(', ') }}
    from {{ this }}
    where
        not ({{ day_after('date_day', after, days_back) }})
        {%- if condition %}
        and {{ condition }}
        {%- endif %}
    group by {{ keys | join(', ') }}
{% endmacro %}
