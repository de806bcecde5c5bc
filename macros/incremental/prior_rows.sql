{#- For a day-grain incremental model that carries running values (a lifetime
    total, the last day something happened): each account's stored values on
    its last stored day at or before day `after` less `days_back`, the day
    before the rows the run reads. One row per account; the columns keep their
    names. Only called in a daily run (after is not none). docs/DEFINITIONS.md 6. -#}
{% macro prior_rows(columns, after, days_back=0) %}
    select
        {%- for column in columns %}
        {{ value_at_max(column, 'date_day') }} as {{ column }},
        {%- endfor %}
        account_id
    from {{ this }}
    where not ({{ day_after('date_day', after, days_back) }})
    group by account_id
{% endmacro %}
