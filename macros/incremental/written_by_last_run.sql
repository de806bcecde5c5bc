{#- The predicate keeping the rows of a day-grain incremental model (a
    relation with date_day and account_id) that its last run wrote, from
    recomputed_days_log: the days after the day that run kept, and every day
    of the accounts it recomputed whole; every row when the model has no
    entry. A key test of such a model checks these rows only: the strategy
    (replace_days) replaces exactly them and leaves the rest as an earlier
    run wrote and tested them. -#}
{% macro written_by_last_run(model) %}
    {%- set log = recomputed_days_log() %}
    {%- set model_name = text_literal(model.identifier) %}
    (
        date_day > coalesce(
            (
                select max(recomputed_after) from {{ log }}
                where model_name = {{ model_name }}
            ),
            cast('1900-01-01' as date)
        )
        or account_id in (
            select account_id from {{ log }}
            where model_name = {{ model_name }} and account_id is not null
        )
    )
{% endmacro %}
