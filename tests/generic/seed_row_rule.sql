{#- Every row of a seed satisfies `expression`; a row that does not is reported
    as "<seed> row <key>: <rule>". -#}
{% test seed_row_rule(model, key_columns, expression, rule) %}
    {% set violations %}
        select
            '{{ model.identifier }} row ' || {{ seed_row_key(key_columns) }}
            || ': {{ rule | replace("'", "''") }}' as violation
        from {{ model }}
        where not coalesce({{ expression }}, false)
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
