{#- The predicate keeping the rows of a day-grain incremental model (a
    relation with date_day and account_id) that its last run wrote, from
    recomputed_days_log: the days after the day that run kept, and the days
    of its restarted accounts after the day it kept of theirs; every row when
    the model has no entry or its last run was a full build. A key test of
    such a model checks these rows only: the strategy (replace_days) replaces
    exactly them and leaves the rest as an earlier run wrote and tested them.
    The log is read when the test compiles, which dbt does just before it
    runs the test, after the model's run wrote its entry: the predicate
    (day_after, as a daily run's own filter) holds a literal day and account
    ids, so a scan skips the row groups before the day and tests no subquery
    on every row (decision 45). Read only by the commands that run tests
    (dbt build, test, retry); otherwise, or without the log, every row. -#}
{% macro written_by_last_run(model) %}
    {%- set log = recomputed_days_log(model.identifier) %}
    {%- if not (execute and flags.WHICH in ('build', 'test', 'retry'))
        or load_relation(log) is none %}
        {{- return('true') }}
    {%- endif %}
    {%- set entry = run_query(
        'select recomputed_after, account_id from ' ~ log
        ~ ' where model_name = ' ~ text_literal(model.identifier)) %}
    {%- set days = [] %}
    {%- set accounts = [] %}
    {%- set accounts_days = [] %}
    {%- for recomputed_after, account_id in entry.rows %}
        {%- if account_id is none and recomputed_after is not none %}
            {%- do days.append(recomputed_after) %}
        {%- elif account_id is not none %}
            {%- do accounts.append(account_id) %}
            {%- if recomputed_after is not none %}
                {%- do accounts_days.append(recomputed_after) %}
            {%- endif %}
        {%- endif %}
    {%- endfor %}
    {%- set day = (days | max | string)[:10] if days else '1900-01-01' %}
    {%- if day == '1900-01-01' and not accounts %}
        {#- a full build wrote every row -#}
        {{- return('true') }}
    {%- endif %}
    {#- the cut in the form recomputed_cut gives a model's own filter (a log
        written before restarted accounts had their own day: all their days) #}
    {{ day_after('date_day', {
        'day': day,
        'accounts': accounts | sort | list,
        'accounts_day': (accounts_days | min | string)[:10] if accounts_days else none,
    }) }}
{% endmacro %}
