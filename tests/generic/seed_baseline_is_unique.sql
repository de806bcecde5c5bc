{#- A cohort seed has exactly one baseline cohort, and every cohort one rank
    shared by no other cohort; violations read "<seed>: <rule>". -#}
{% test seed_baseline_is_unique(model, cohort_column, baseline_column, rank_column) %}
    {% set violations %}
        select
            '{{ model.identifier }}: ' || cast(count(distinct case
                when {{ baseline_column }} then {{ cohort_column }}
            end) as {{ dbt.type_string() }})
            || ' baseline cohorts, there must be exactly one' as violation
        from {{ model }}
        having count(distinct case
            when {{ baseline_column }} then {{ cohort_column }}
        end) != 1
        union all
        select
            '{{ model.identifier }} rows cohort=' || {{ cohort_column }}
            || ': rows disagree on ' || '{{ rank_column }}' as violation
        from {{ model }}
        group by {{ cohort_column }}
        having count(distinct {{ rank_column }}) > 1
        union all
        select
            '{{ model.identifier }} rows {{ rank_column }}='
            || cast({{ rank_column }} as {{ dbt.type_string() }})
            || ': shared by several cohorts' as violation
        from {{ model }}
        group by {{ rank_column }}
        having count(distinct {{ cohort_column }}) > 1
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
