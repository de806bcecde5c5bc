{#- The first contract anniversary after `on_date`: contract_started_date plus
    the smallest whole number of terms (interval_months each) that ends after
    on_date. Whole months elapsed are counted from the start's day of month
    (datediff('month') alone counts month boundaries, one too many when on_date's
    day of month is before the start's). -#}
{% macro next_renewal_date(contract_started_date, interval_months, on_date) -%}
    {%- set boundaries = dbt.datediff(contract_started_date, on_date, 'month') -%}
    {%- set whole_months -%}
        ({{ boundaries }} - case
            when {{ dbt.dateadd('month', boundaries, contract_started_date) }}
                > {{ on_date }}
                then 1
            else 0
        end)
    {%- endset -%}
    cast({{ dbt.dateadd(
        'month',
        '(floor(' ~ whole_months ~ ' / (' ~ interval_months ~ ')) + 1) * ('
            ~ interval_months ~ ')',
        contract_started_date
    ) }} as date)
{%- endmacro %}
