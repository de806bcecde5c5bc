{#- The points each sub-metric contributes add up to the account's health score
    on the as-of day (and the points missed to 100 minus it); returns accounts
    where they do not, to 1e-9. -#}
with summed as (
    select
        account_id,
        sum(points_contributed) as points_contributed,
        sum(points_missed) as points_missed
    from {{ ref('rpt_account_submetric_scores') }}
    group by account_id
)

select
    health.account_id,
    health.health_score,
    summed.points_contributed,
    summed.points_missed
from {{ ref('rpt_account_health') }} as health
left join summed
    on health.account_id = summed.account_id
where
    abs(coalesce(summed.points_contributed, -1) - health.health_score) > 1e-9
    or abs(summed.points_missed - (100 - health.health_score)) > 1e-9
