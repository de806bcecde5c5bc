{#- A settings seed holds exactly one row; otherwise reported as
    "<seed>: must hold exactly one row (found N)". -#}
{% test seed_has_one_row(model) %}
    {% set violations %}
        select
            '{{ model.identifier }}: must hold exactly one row (found '
            || cast(count(*) as {{ dbt.type_string() }}) || ')' as violation
        from {{ model }}
        having count(*) != 1
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
