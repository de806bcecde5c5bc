{#- How many day, month, quarter, hour, minute or second boundaries lie
    between two dates or timestamps: what DuckDB's date_diff (dbt.datediff)
    counts. dbt-spark's datediff counts a minute as 60 elapsed seconds rounded
    up and a month by months_between, which differ from it; the project's
    spark__datediff (dispatched by dbt.datediff, root project first) writes
    this instead, so both engines count alike. -#}
{% macro date_boundaries_crossed(first_date, second_date, datepart) -%}
    {%- if datepart == 'day' -%}
        datediff({{ second_date }}, {{ first_date }})
    {%- elif datepart == 'quarter' -%}
        ((year({{ second_date }}) * 4 + quarter({{ second_date }}))
        - (year({{ first_date }}) * 4 + quarter({{ first_date }})))
    {%- elif datepart == 'month' -%}
        ((year({{ second_date }}) * 12 + month({{ second_date }}))
        - (year({{ first_date }}) * 12 + month({{ first_date }})))
    {%- elif datepart in ('hour', 'minute', 'second') -%}
        {%- set seconds = {'hour': 3600, 'minute': 60, 'second': 1}[datepart] -%}
        (floor(to_unix_timestamp({{ second_date }}) / {{ seconds }})
        - floor(to_unix_timestamp({{ first_date }}) / {{ seconds }}))
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "date_boundaries_crossed: datepart " ~ datepart ~ " is not written for Spark") }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__datediff(first_date, second_date, datepart) -%}
    {{ date_boundaries_crossed(first_date, second_date, datepart) }}
{%- endmacro %}
