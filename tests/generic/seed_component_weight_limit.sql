{#- Weight sets in use that put more than `max_weight` on one component, unless the
    assignment row allows it (allow_component_over_40). Meant as a warning. -#}
{% test seed_component_weight_limit(model, weight_sets, max_weight) %}
    {% set violations %}
        select
            '{{ model.identifier }} row ' || {{ seed_row_key(
                ['assigned.config_set', 'assigned.segment']
            ) }}
            || ': weight set ' || assigned.weight_set || ' puts '
            || cast(sets.weight as {{ dbt.type_string() }}) || ' on '
            || sets.component || ', above {{ max_weight }}'
            || ' (set allow_component_over_40 to accept it)' as violation
        from {{ model }} as assigned
        inner join {{ weight_sets }} as sets
            on assigned.weight_set = sets.weight_set
        where sets.weight > {{ max_weight }} and not assigned.allow_component_over_40
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
