{{ config(materialized='view') }}

{#- One row per weight set under review besides the current one and component
    (unique: weight_set, component): the proposed set (val_proposed_weights)
    and every candidate in the weight_candidates folder. val_weight_set_scores
    scores them; val_weight_review shows their weights. -#}
with final as (
    select
        weight_set,
        component,
        weight
    from {{ ref('val_proposed_weights') }}
    union all
    select
        weight_set,
        component,
        weight
    from {{ ref('stg_weight_candidates__weight_sets') }}
)

select * from final
