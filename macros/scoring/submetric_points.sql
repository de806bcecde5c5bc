{#- A select over `relation` (columns: `keys`, component, submetric_score,
    submetric_weight, component_weight) that adds each sub-metric's share of the
    composite, after missing weight is re-spread as weighted_mean_present does:
      effective_weight   = weight in its component among present sub-metrics
                           x component weight among components with data;
      points_contributed = submetric_score x effective_weight (they sum to the
                           composite score of the key);
      points_missed      = (100 - submetric_score) x effective_weight (they sum
                           to 100 minus the composite).
    A sub-metric with no score has null effective weight and points. The sums
    of weights are rounded to 12 decimals: the order a window adds them in
    would otherwise move the last bits from one build to the next. -#}
{% macro submetric_points(relation, keys) -%}
    {%- set key_list = keys | join(', ') -%}
    select
        in_component.*,
        in_component.weight_in_component * in_component.component_weight
        / nullif(round(sum(
            in_component.weight_in_component * in_component.component_weight
        ) over (partition by {{ key_list }}), 12), 0) as effective_weight
    from (
        select
            scores.*,
            case when scores.submetric_score is not null
                then scores.submetric_weight / nullif(round(sum(
                    case when scores.submetric_score is not null
                        then scores.submetric_weight end
                ) over (partition by {{ key_list }}, scores.component), 12), 0)
            end as weight_in_component
        from {{ relation }} as scores
    ) as in_component
{%- endmacro %}
