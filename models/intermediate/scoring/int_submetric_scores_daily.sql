{{ config(materialized='view') }}

{#- One row per account, lifetime day and enabled sub-metric of the config
    set (unique: account_id, date_day, submetric): int_account_scores_daily
    unpivoted, with each scoring row's method and parameters beside it
    (macro submetric_scores_long). A view: the marts read it for a few days
    only; the validation unpivots the observation days alone. -#}

with scores as (
    select * from {{ ref('int_account_scores_daily') }}
),

final as (
    {{ submetric_scores_long('scores') }}
)

select * from final
