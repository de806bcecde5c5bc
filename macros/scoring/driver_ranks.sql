{#- Select-list columns that mark and rank a sub-metric as a driver, over rows
    with effective_weight, submetric_score, points_missed, points_contributed,
    submetric and the thresholds of seed driver_settings (risk_below_score,
    strength_from_score): is_risk_driver (score below risk_below_score),
    is_strength (score from strength_from_score), risk_rank (by points missed,
    worst first) and strength_rank (by points contributed), ranked within
    `partition_by`; points are compared at 6 decimals (a millionth of a point),
    so points equal up to the last bits of their summing order rank
    by submetric whatever the engine's summing order. A sub-metric without
    weight or score is neither. -#}
{% macro driver_ranks(partition_by) -%}
    {%- set is_risk -%}
        coalesce(
            effective_weight > 0
            and submetric_score < risk_below_score, false
        )
    {%- endset -%}
    {%- set is_strength -%}
        coalesce(
            effective_weight > 0
            and submetric_score >= strength_from_score, false
        )
    {%- endset -%}
    {{ is_risk }} as is_risk_driver,
    {{ is_strength }} as is_strength,
    case when {{ is_risk }} then cast(row_number() over (
        partition by {{ partition_by }}, {{ is_risk }}
        order by round(points_missed, 6) desc, submetric
    ) as {{ dbt.type_bigint() }}) end as risk_rank,
    case when {{ is_strength }} then cast(row_number() over (
        partition by {{ partition_by }}, {{ is_strength }}
        order by round(points_contributed, 6) desc, submetric
    ) as {{ dbt.type_bigint() }}) end as strength_rank
{%- endmacro %}
