{#- The main contract of each row of `relation` on its day `on_date`: the
    contract line in force then with the largest MRR (ties: lowest line id),
    with its subscription's start and its term in months. One row per
    (account_id, `key_column`) that has a line in force; a select to use as a
    CTE body. -#}
{% macro main_contract_on(relation, on_date, key_column) -%}
    select
        account_id,
        {{ key_column }},
        subscription_started_date,
        interval_months
    from (
        select
            spine.account_id,
            spine.{{ key_column }},
            subscription_starts.subscription_started_date,
            {{ billing_interval_months('lines.billing_interval') }}
                as interval_months,
            row_number() over (
                partition by spine.account_id, spine.{{ key_column }}
                order by lines.mrr desc, lines.subscription_line_id asc
            ) as mrr_rank
        from {{ relation }} as spine
        inner join {{ ref('stg_billing__subscription_lines') }} as lines
            on
                spine.account_id = lines.account_id
                and spine.{{ on_date }} >= lines.started_date
                and (
                    lines.ended_date is null
                    or spine.{{ on_date }} < lines.ended_date
                )
        inner join (
            select
                subscription_id,
                min(started_date) as subscription_started_date
            from {{ ref('stg_billing__subscription_lines') }}
            group by subscription_id
        ) as subscription_starts
            on lines.subscription_id = subscription_starts.subscription_id
    ) as ranked
    where mrr_rank = 1
{%- endmacro %}
