{#- One row per refit date of the fitted normalisation (primary key
    fit_date): the first month end with account data and every
    normalisation_settings.refit_every_months month ends after it, up to the
    as-of day, with the first day of the next refit (days from fit_date up to
    it are scored with this fit). -#}
with settings as (
    select * from {{ ref('normalisation_settings') }}
),

months as (
    {{ month_series(
        '(select min(date_day) from ' ~ ref('int_account_days_spined') ~ ')',
        as_of_date()
    ) }}
),

month_ends as (
    select
        cast({{ dbt.last_day('month_start', 'month') }} as date) as fit_date,
        row_number() over (order by month_start) as month_number
    from months
    where
        cast({{ dbt.last_day('month_start', 'month') }} as date)
        <= {{ as_of_date() }}
),

final as (
    select
        month_ends.fit_date,
        lead(month_ends.fit_date) over (
            order by month_ends.fit_date
        ) as next_fit_date
    from month_ends
    cross join settings
    where mod(month_ends.month_number - 1, settings.refit_every_months) = 0
)

select * from final
