{#- The predicate keeping the rows an incremental day-grain model computes on
    this run: in a full build, every row (true); in an incremental run, the
    days after its last stored day (stored_day_column), or the as-of day when
    a run replays an earlier one, less lookback_days of seed
    incremental_settings (rows that arrive late), and extra_days before that
    for inputs that a trailing window reads; and the days of an account that
    restarts after a churn gap from its gap on (restarted_accounts_sql,
    restarted_after_sql), less the same days.
    `account_column` defaults to account_id of the date column's table. A
    model calling it declares
    `-- depends_on: {{ ref('incremental_settings') }}` and
    `-- depends_on: {{ ref('stg_billing__subscription_lines') }}`.
    docs/DEFINITIONS.md 6. -#}
{% macro recomputed_days(date_column, extra_days=0, account_column=none) %}
    {%- if is_incremental() -%}
    (
        {{ date_column }} > ({{ recomputed_after_sql(extra_days) }})
        or (
            {{ account_column or account_column_of(date_column) }}
            in ({{ restarted_accounts_sql() }})
            and {{ date_column }} > ({{ restarted_after_sql(extra_days) }})
        )
    )
    {%- else -%}
    true
    {%- endif %}
{% endmacro %}

{#- The scalar query giving the last day an incremental run keeps (days after
    it are recomputed), less extra_days: the last stored day (or the as-of day,
    when earlier) less lookback_days, or the day before var recompute_from when
    that is earlier (kept_before_recompute_from); 1900-01-01 while the table is
    empty. -#}
{% macro recomputed_after_sql(extra_days=0) %}
    select
        case
            when max(stored.{{ stored_day_column() }}) is null
                then cast('1900-01-01' as date)
            else {{ kept_before_recompute_from(lookback_kept_day(
                'max(stored.' ~ stored_day_column() ~ ')',
                'max(settings.lookback_days) + ' ~ extra_days
            ), extra_days) }}
        end
    from {{ this }} as stored
    cross join {{ ref('incremental_settings') }} as settings
{% endmacro %}

{#- The same cut, read when the model compiles, for a model that filters its
    inputs by literal dates (so a scan of a stored table can skip older row
    groups by their min/max): {day: recomputed_after_sql's day as YYYY-MM-DD,
    accounts: the restarted accounts' ids, sorted, accounts_day:
    restarted_after_sql's day (none without a restarted account)}; none in a
    full build or before execution. day_after takes it. -#}
{% macro recomputed_cut() %}
    {% if not (execute and is_incremental()) %}{{ return(none) }}{% endif %}
    {% set day_column = stored_day_column() %}
    {% if day_column != 'date_day' and day_column not in
        adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') %}
        {{ exceptions.raise_compiler_error(
            this ~ " has no column " ~ day_column ~ ", which its daily runs cut on:"
            ~ " the table was built by an earlier version of the project. Run"
            ~ " `dbt build --full-refresh` once (README, Daily and weekly runs).") }}
    {% endif %}
    {% set day = run_query(recomputed_after_sql()).columns[0].values()[0] %}
    {% set accounts = run_query(restarted_accounts_sql()).columns[0].values() %}
    {% set accounts_day = run_query(restarted_after_sql()).columns[0].values()[0]
        if accounts else none %}
    {#- sorted, so that the compiled SQL does not depend on the order the
        engine returned them in -#}
    {{ return({
        'day': (day | string)[:10],
        'accounts': accounts | sort | list,
        'accounts_day': (accounts_day | string)[:10] if accounts_day is not none else none,
    }) }}
{% endmacro %}

{#- A filter keeping the rows of `column` (a date or timestamp) after the cut
    `after` (recomputed_cut) less `days_back` days, and the rows of its
    restarted accounts (`account`, by default account_id of the column's
    table) after its accounts_day less the same days (every row of theirs
    when it has no accounts_day): true when after is none (a full build) or
    days_back is none (the whole history is needed). Written as `column >=
    the next day`, the column not cast, so that a scan of a stored table
    skips the row groups before it. -#}
{% macro day_after(column, after, days_back=0, account=none) -%}
    {%- if after is none or days_back is none -%}
        true
    {%- else -%}
        {%- set first_day = first_day_after(after.day, days_back) -%}
        {%- if after.accounts -%}
            ({{ column }} >= cast('{{ first_day }}' as date)
            or ({{ restarted_rows(column, after, days_back, account) }}))
        {%- else -%}
            {{ column }} >= cast('{{ first_day }}' as date)
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- day_after's filter on the rows of the restarted accounts of `after`
    alone: theirs after its accounts_day less `days_back` days, or all of
    theirs without an accounts_day. -#}
{% macro restarted_rows(column, after, days_back=0, account=none) -%}
    {{ text_in(account or account_column_of(column), after.accounts) }}
    {%- if after.get('accounts_day') %}
    and {{ column }} >= cast('{{ first_day_after(after.accounts_day, days_back) }}' as date)
    {%- endif %}
{%- endmacro %}

{#- The last day a daily run keeps of the account in column `account`, as a
    date: the cut of `after` (recomputed_cut), or accounts_day for its
    restarted accounts; null in a full build (after is none), where no day
    is kept. -#}
{% macro kept_until(account, after) -%}
    {%- if after is none -%}
        cast(null as date)
    {%- elif after.accounts and after.get('accounts_day') -%}
        case
            when {{ text_in(account, after.accounts) }}
                then cast('{{ after.accounts_day }}' as date)
            else cast('{{ after.day }}' as date)
        end
    {%- else -%}
        cast('{{ after.day }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- The first day a filter keeps after the day `day` (YYYY-MM-DD) less
    `days_back` days, as YYYY-MM-DD. -#}
{% macro first_day_after(day, days_back) -%}
    {{- (modules.datetime.date.fromisoformat(day)
        - modules.datetime.timedelta(days=days_back - 1)).isoformat() -}}
{%- endmacro %}

{#- account_id of the table a column is qualified by ('today.date_day' ->
    'today.account_id'; 'date_day' -> 'account_id'). -#}
{% macro account_column_of(column) -%}
    {{ column.rsplit('.', 1)[0] ~ '.account_id' if '.' in column else 'account_id' }}
{%- endmacro %}
