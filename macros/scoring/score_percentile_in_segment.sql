{#- 0-100: the value's percent rank among its peers (`partition_by`, e.g.
    'segment, date_day'); the lowest scores 0, the highest 100, a single peer
    scores 100. Null values get null and do not count as peers. -#}
{% macro score_percentile_in_segment(value, partition_by) -%}
    case
        when ({{ value }}) is not null then 100.0 * coalesce(
            (rank() over (
                partition by {{ partition_by }}, ({{ value }}) is null
                order by {{ value }}
            ) - 1)
            / nullif(count(*) over (
                partition by {{ partition_by }}, ({{ value }}) is null
            ) - 1, 0),
            1
        )
    end
{%- endmacro %}
