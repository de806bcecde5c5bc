{#- Every row's `columns` name a row that exists in another seed; a row that
    does not is reported by its `key_columns` (default: `columns`). -#}
{% test seed_references_exist(model, columns, to, to_columns, row_filter='true', to_where='true', message='refers to a row that does not exist', key_columns=none) %}
    {% set violations %}
        select
            '{{ model.identifier }} row ' || {{ seed_row_key(key_columns or columns) }}
            || ': {{ message }}' as violation
        from {{ model }} as referring
        where
            {{ row_filter }}
            and not exists (
                select 1 from {{ to }} as referred
                where
                    {{ to_where }}
                    {%- for column in columns %}
                    and referred.{{ to_columns[loop.index0] }} = referring.{{ column }}
                    {%- endfor %}
            )
    {% endset %}
    {{ report_seed_violations(violations) }}
{% endtest %}
