{#- A running value over each account's days (one row per day, oldest first)
    up to the current one, continued in a daily run from `prior`, the value
    stored on the day before the rows read (prior_rows; none in a full build):
    - 'sum': the total of expr (0 without rows);
    - 'last': the latest non-null expr;
    - 'max': the largest expr, for an expr that only grows with the day (the
      day something happened), so a value of the rows read beats the prior one.
    `account` and `day` name the columns (qualified where a join needs it).
    `sum_type` casts a sum of decimals to the stored type before the prior
    total is added: Spark types a sum of decimal(p, s) decimal(38, s), and
    adding two decimals whose sum needs more than 38 digits drops a decimal.
    docs/DEFINITIONS.md 6. -#}
{% macro running_value(
    kind, expr, prior=none, account='account_id', day='date_day', sum_type=none
) -%}
    {%- set over = 'over (partition by ' ~ account ~ ' order by ' ~ day ~ ' '
        ~ trailing_frame(none) ~ ')' -%}
    {%- if kind == 'sum' -%}
        {%- set total = 'sum(' ~ expr ~ ') ' ~ over -%}
        {%- if sum_type is not none -%}
            {%- set total = 'cast(' ~ total ~ ' as ' ~ sum_type ~ ')' -%}
        {%- endif -%}
        {%- if prior is none -%}
            coalesce({{ total }}, 0)
        {%- else -%}
            coalesce({{ prior }}, 0) + coalesce({{ total }}, 0)
        {%- endif -%}
    {%- elif kind in ('last', 'max') -%}
        {%- set value = last_non_null(expr) ~ ' ' if kind == 'last'
            else 'max(' ~ expr ~ ') ' -%}
        {%- if prior is none -%}
            {{ value ~ over }}
        {%- else -%}
            coalesce({{ value ~ over }}, {{ prior }})
        {%- endif -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "running_value: kind must be sum, last or max, not '" ~ kind ~ "'") }}
    {%- endif -%}
{%- endmacro %}
