{#- Stops the run, naming the var, when a var that the models paste into SQL is
    malformed: as_of_date must be a date written YYYY-MM-DD, recompute_from
    empty or such a date no later than as_of_date, scoring_config_set a name
    (lower-case letters, digits and _), expose_contact_names true or false.
    Runs first in on-run-start, so nothing is built or replaced with a bad
    value. -#}
{% macro check_vars() %}
    {% set as_of = var('as_of_date') | string %}
    {% do check_date_var('as_of_date', as_of) %}
    {% set from_day = recompute_from() %}
    {% if from_day is not none %}
        {% do check_date_var('recompute_from', from_day) %}
        {% if from_day > as_of %}
            {{ exceptions.raise_compiler_error(
                "var recompute_from: '" ~ from_day ~ "' is after as_of_date '"
                ~ as_of ~ "': a run recomputes days up to its as-of day") }}
        {% endif %}
    {% endif %}
    {% set config_set = var('scoring_config_set') | string %}
    {% if not modules.re.match('^[a-z][a-z0-9_]*$', config_set) %}
        {{ exceptions.raise_compiler_error(
            "var scoring_config_set: '" ~ config_set ~ "' is not a config set"
            ~ " name (lower-case letters, digits and _; the config sets are the"
            ~ " config_set values of seeds/scoring/scoring_submetrics.csv)") }}
    {% endif %}
    {% if var('expose_contact_names') not in [true, false] %}
        {{ exceptions.raise_compiler_error(
            "var expose_contact_names: '" ~ var('expose_contact_names')
            ~ "' is not true or false") }}
    {% endif %}
    {{ return('select 1') }}
{% endmacro %}

{#- Stops the run when `value` of var `name` is not a calendar day written
    YYYY-MM-DD. -#}
{% macro check_date_var(name, value) %}
    {% if not modules.re.match(
        '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', value) %}
        {{ exceptions.raise_compiler_error(
            "var " ~ name ~ ": '" ~ value ~ "' is not a date written YYYY-MM-DD"
            ~ " (for example --vars '{" ~ name ~ ": \"2026-06-30\"}')") }}
    {% endif %}
    {% set year, month, day = value.split('-') | map('int') | list %}
    {% set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 %}
    {% set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] %}
    {% if day > month_days[month - 1] %}
        {{ exceptions.raise_compiler_error(
            "var " ~ name ~ ": '" ~ value ~ "' is not a day of the calendar (month "
            ~ month ~ " of " ~ year ~ " has " ~ month_days[month - 1] ~ " days)") }}
    {% endif %}
{% endmacro %}
