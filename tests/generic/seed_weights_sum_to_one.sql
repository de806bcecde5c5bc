{#- Weights sum to 1 within each group (tolerance 1e-9). -#}
{% test seed_weights_sum_to_one(model, group_by, weight_column='weight', row_filter='true') %}
    {% set violations %}
        with grouped as (
            select
                {{ group_by | join(', ') }},
                sum({{ weight_column }}) as total_weight
            from {{ model }}
            where {{ row_filter }}
            group by {{ group_by | join(', ') }}
        )

        select
            '{{ model.identifier }} rows ' || {{ seed_row_key(group_by) }}
            || ': weights sum to '
            || cast(round(total_weight, 6) as {{ dbt.type_string() }})
            || ', they must sum to 1' as violation
        from grouped
        where abs(total_weight - 1) > 1e-9
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
