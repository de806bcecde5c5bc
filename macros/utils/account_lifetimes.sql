{#- One row per account of `lines` (a relation or CTE of subscription lines,
    those of the CRM's accounts started by the as-of day): its customer
    lifetime, first_started_date (its first line's start) and
    last_customer_date (the as-of day while a line is in force after its first
    start, else the day before its last line ended). An account whose
    last_customer_date is before its first_started_date has no day.
    int_account_days_spined builds the spine on it; the test of accounts
    scored from a later day than their contract compares with it. -#}
{% macro account_lifetimes(lines) %}
    select
        account_id,
        min(started_date) as first_started_date,
        case
            when
                max(case
                    when ended_date is null or ended_date > {{ as_of_date() }}
                        then 1
                    else 0
                end) = 1
                then {{ as_of_date() }}
            else cast({{ dbt.dateadd('day', -1, 'max(ended_date)') }} as date)
        end as last_customer_date
    from {{ lines }}
    group by account_id
{% endmacro %}
