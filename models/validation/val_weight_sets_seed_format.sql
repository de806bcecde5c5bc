{#- One row per reviewed weight set (equal, groups, proposed) and sub-metric
    (unique: weight_set, submetric): the set in the format of the scoring
    seeds, ready to adopt - submetric_weight (scoring_submetrics.weight, the
    weight inside its component) and component_weight (scoring_weight_sets.
    weight) - rounded to six decimals with the rounding remainder on the
    largest weight, so each component's and each set's weights sum to
    exactly 1 and pass the seed checks. A component with no weight gets equal
    weights inside it. -#}
with sets as (
    select * from {{ ref('val_weight_sets_under_review') }}
    where weight_set in ('equal', 'groups', 'proposed')
),

components as (
    select
        weight_set,
        component,
        sum(weight) as component_weight,
        count(*) as component_submetrics
    from sets
    group by weight_set, component
),

components_rounded as (
    select
        *,
        round(component_weight, 6)
        + case
            when
                row_number() over (
                    partition by weight_set
                    order by component_weight desc, component asc
                ) = 1
                then 1 - sum(round(component_weight, 6)) over (
                    partition by weight_set
                )
            else 0
        end as component_weight_rounded
    from components
),

within as (
    select
        sets.weight_set,
        sets.submetric,
        sets.component,
        sets.weight as effective_weight,
        coalesce(
            sets.weight / nullif(components.component_weight, 0),
            1.0 / components.component_submetrics
        ) as submetric_weight
    from sets
    inner join components
        on
            sets.weight_set = components.weight_set
            and sets.component = components.component
),

final as (
    select
        within.weight_set,
        within.submetric,
        within.component,
        within.effective_weight,
        round(within.submetric_weight, 6)
        + case
            when
                row_number() over (
                    partition by within.weight_set, within.component
                    order by within.submetric_weight desc, within.submetric asc
                ) = 1
                then 1 - sum(round(within.submetric_weight, 6)) over (
                    partition by within.weight_set, within.component
                )
            else 0
        end as submetric_weight,
        components_rounded.component_weight_rounded as component_weight
    from within
    inner join components_rounded
        on
            within.weight_set = components_rounded.weight_set
            and within.component = components_rounded.component
)

select * from final
