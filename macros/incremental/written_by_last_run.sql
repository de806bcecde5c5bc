{#- The predicate keeping the rows of a day-grain incremental model (a
    relation with date_day and account_id) that its last run wrote, from
    recomputed_days_log: the days after the day that run kept, and every day
    of the accounts it recomputed whole; every row when the model has no
    entry. A key test of such a model checks these rows only: the strategy
    (replace_days) replaces exactly them and leaves the rest as an earlier
    run wrote and tested them.
    The log is read when the test compiles, which dbt does just before it
    runs the test, after the model's run wrote its entry: the predicate
    (day_after, as a daily run's own filter) holds a literal day and account
    ids, so a scan skips the row groups before the day and tests no subquery
    on every row (decision 45). Read only by the commands that run tests
    (dbt build, test, retry); otherwise, or without the log, every row. -#}
{% macro written_by_last_run(model) %}
    {%- set log = recomputed_days_log() %}
    {%- if not (execute and flags.WHICH in ('build', 'test', 'retry'))
        or load_relation(log) is none %}
        {{- return('true') }}
    {%- endif %}
    {%- set entry = run_query(
        'select recomputed_after, account_id from ' ~ log
        ~ ' where model_name = ' ~ text_literal(model.identifier)) %}
    {%- set days = entry.columns[0].values() | reject('none') | list %}
    {%- set accounts = entry.columns[1].values() | reject('none') | sort | list %}
    {%- set day = (days | max | string)[:10] if days else '1900-01-01' %}
    {#- the cut in the form recomputed_cut gives a model's own filter #}
    {{ day_after('date_day', {'day': day, 'accounts': accounts}) }}
{% endmacro %}
