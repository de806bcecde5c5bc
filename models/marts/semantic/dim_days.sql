{#- One row per day (primary key date_day) from the first day any account
    existed in the CRM or was billed to the as-of day: the calendar the
    semantic layer's metric_time is read against (its time spine,
    docs/SEMANTIC_LAYER.md). -#}
with bounds as (
    select
        least(
            min(cast(crm_created_at as date)), min(first_subscription_date)
        ) as first_day,
        cast('{{ var("as_of_date") }}' as date) as last_day
    from {{ ref('dim_accounts') }}
),

days as (
    {{ day_series(
        '(select first_day from bounds)', '(select last_day from bounds)'
    ) }}
)

select cast(date_day as date) as date_day from days
