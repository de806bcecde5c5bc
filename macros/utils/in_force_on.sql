{#- The predicate that a row of `relation` (an alias) is in force on `day`:
    from its start column on, up to but not including its end column, which
    is open when null. -#}
{% macro in_force_on(day, relation, start='started_date', end='ended_date') -%}
    {{ day }} >= {{ relation }}.{{ start }}
    and (
        {{ relation }}.{{ end }} is null
        or {{ day }} < {{ relation }}.{{ end }}
    )
{%- endmacro %}
