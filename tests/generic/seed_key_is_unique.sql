{#- Each key of a seed appears on one row; a key on several rows is reported as
    "<seed> row <key>: appears on N rows (the key must be unique)". -#}
{% test seed_key_is_unique(model, key_columns) %}
    {% set violations %}
        select
            '{{ model.identifier }} row ' || {{ seed_row_key(key_columns) }}
            || ': appears on ' || cast(count(*) as {{ dbt.type_string() }})
            || ' rows (the key must be unique)' as violation
        from {{ model }}
        group by {{ key_columns | join(', ') }}
        having count(*) > 1
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
