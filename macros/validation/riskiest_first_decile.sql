{#- The decile (1 = riskiest) of a row within its group: rows ordered riskiest
    first (lowest score when lower_is_riskier), ties broken by tie_breakers,
    cut into decile_count groups of equal size by position:
    floor((position - 1) x decile_count / group rows) + 1. decile_count is a SQL
    expression (a seed column). -#}
{% macro riskiest_first_decile(partition_by, score, tie_breakers, decile_count, lower_is_riskier=true) -%}
    {%- set groups = partition_by | join(', ') -%}
    cast(floor(
        (row_number() over (
            partition by {{ groups }}
            order by {{ score }} {{ 'asc' if lower_is_riskier else 'desc' }},
            {{ tie_breakers | join(' asc, ') }} asc
        ) - 1)
        * {{ decile_count }}
        / cast(count(*) over (partition by {{ groups }}) as double)
    ) as integer) + 1
{%- endmacro %}
