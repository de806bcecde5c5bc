{#- A select over `relation` (columns: `keys`, component, submetric_score,
    submetric_weight, component_weight) giving one row per key: health_score
    (weighted mean of the component scores that have data), coverage (share of
    the weight that had data) and <component>_score for each of `components`.
    Each component score is the weighted mean of its present sub-metric scores.
    Missing weight is re-spread at both levels; all missing gives null. Scores
    are rounded to 9 decimals as int_account_scores_daily rounds them. -#}
{% macro health_composite(relation, keys, components) -%}
    {%- set key_list = keys | join(', ') -%}
    select
        {{ key_list }},
        round({{ weighted_mean_present('component_score', 'component_weight') }}, 9)
            as health_score,
        sum(component_weight * component_coverage)
        / nullif(sum(component_weight), 0) as coverage,
        {%- for component in components %}
        max(case
            when component = '{{ component }}' then component_score
        end) as {{ component }}_score
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from (
        select
            {{ key_list }},
            component,
            max(component_weight) as component_weight,
            round(
                {{ weighted_mean_present('submetric_score', 'submetric_weight') }},
                9
            ) as component_score,
            {{ weight_coverage('submetric_score', 'submetric_weight') }}
                as component_coverage
        from {{ relation }}
        group by {{ key_list }}, component
    ) as components
    group by {{ key_list }}
{%- endmacro %}
