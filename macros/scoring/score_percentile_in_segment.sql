{#- 0-100: the value's percent rank among its peers (`partition_by`, e.g.
    'segment, date_day'), tied values at their mid-rank: the lowest scores 0,
    the highest 100, a value shared by several peers the middle of the ranks
    they share (so 70% of peers tied at the top score 65, not 31), and a
    single peer 50. Null values get null and do not count as peers. -#}
{% macro score_percentile_in_segment(value, partition_by) -%}
    case
        when ({{ value }}) is not null then 100.0 * coalesce(
            (
                rank() over (
                    partition by {{ partition_by }}, ({{ value }}) is null
                    order by {{ value }}
                ) - 1
                + (count(*) over (
                    partition by {{ partition_by }}, ({{ value }})
                ) - 1) / 2.0
            )
            / nullif(count(*) over (
                partition by {{ partition_by }}, ({{ value }}) is null
            ) - 1, 0),
            0.5
        )
    end
{%- endmacro %}
