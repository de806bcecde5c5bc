{#- A select of the area under the ROC curve per group: the probability that a
    positive row ranks riskier than a negative one, ties counting one half
    (Mann-Whitney U from average ranks, as scikit-learn's roc_auc_score).
    Rows with a null score or outcome are left out. Columns: the partition
    columns, positives, negatives, auc (null without both classes). -#}
{% macro roc_auc(relation, partition_by, score, outcome, lower_is_riskier=true) -%}
    {%- set groups = partition_by | join(', ') -%}
    select
        {{ groups }},
        count(case when positive then 1 end) as positives,
        count(case when not positive then 1 end) as negatives,
        (
            sum(case when positive then risk_rank else 0 end)
            - count(case when positive then 1 end)
            * (count(case when positive then 1 end) + 1) / 2.0
        )
        / nullif(
            cast(count(case when positive then 1 end) as double)
            * count(case when not positive then 1 end),
            0
        ) as auc
    from (
        select
            {{ groups }},
            {{ outcome }} as positive,
            rank() over (
                partition by {{ groups }}
                order by {{ score }} {{ 'desc' if lower_is_riskier else 'asc' }}
            )
            + (count(*) over (partition by {{ groups }}, {{ score }}) - 1) / 2.0
                as risk_rank
        from {{ relation }}
        where {{ score }} is not null and {{ outcome }} is not null
    ) as ranked
    group by {{ groups }}
{%- endmacro %}
