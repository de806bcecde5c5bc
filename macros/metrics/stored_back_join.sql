{#- In a daily run of int_account_metrics_daily: the left join of CTE `back`
    (stored rows) as back_<days>, on the row of each account `days` days
    before the day of `relation`. -#}
{% macro stored_back_join(relation, days) -%}
    left join back as back_{{ days }}
        on
            back_{{ days }}.account_id = {{ relation }}.account_id
            and back_{{ days }}.date_day
            = cast({{ dbt.dateadd('day', -days, relation ~ '.date_day') }} as date)
{%- endmacro %}
