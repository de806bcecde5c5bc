{#- On rpt_quarantine_shares: one row per table and rule whose status is
    `status` (error or warn), printed as "data-quality check: <table>: rule
    <rule> kept aside N of M raw rows (S%), above the <status> limit of L%".
    Applied twice: status error fails the build, status warn (severity warn)
    only warns. docs/DEFINITIONS.md 1. -#}
{% test quarantine_shares_within_limit(model, status) %}
    {%- set limit_column = 'error_share' if status == 'error' else 'warn_share' %}
    {% set violations %}
        select
            source_table || ': rule ' || quarantine_rule || ' kept aside '
            || cast(quarantined_rows as {{ dbt.type_string() }}) || ' of '
            || cast(raw_rows as {{ dbt.type_string() }}) || ' raw rows ('
            || cast(round(100 * quarantined_share, 1) as {{ dbt.type_string() }})
            || '%), above the {{ status }} limit of '
            || cast(round(100 * {{ limit_column }}, 1) as {{ dbt.type_string() }})
            || '% (seeds/pipeline/quarantine_limits.csv; the rows are in'
            || ' marts.fct_quarantined_rows)' as violation
        from {{ model }}
        where status = '{{ status }}'
    {% endset %}
    {{ report_violations(violations, 'data-quality check') }}
{% endtest %}
