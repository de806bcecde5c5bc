{#- Fails with each combination of the columns that occurs more than once.
    last_run_only (day-grain incremental models): only the rows the model's
    last run wrote (written_by_last_run); the other rows are as an earlier,
    tested run left them, so a daily run checks its own days, not the whole
    history again. -#}
{% test unique_combination_of_columns(
    model, combination_of_columns, last_run_only=false
) %}
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    {%- if last_run_only %}
    where {{ written_by_last_run(model) }}
    {%- endif %}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}
