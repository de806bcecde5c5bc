{#- The rows of `relation` that day_after(column, after, days_back) keeps, as
    a select. With restarted accounts, two reads (union all): the rows from
    the first recomputed day on, a filter on the column alone, which lets the
    scan of a stored table skip the row groups before it, and the earlier rows
    of those accounts from their own first day on (restarted_rows), which
    lets it skip the row groups before their churn gaps. day_after's one
    filter with an `or` makes the engine read every row; for the product
    events (tens of millions of rows) that is most of a daily run's reading.
    -#}
{% macro rows_day_after(relation, column, after, days_back=0) -%}
    {%- if after is none or days_back is none or not after.accounts -%}
    select * from {{ relation }}
    where {{ day_after(column, after, days_back) }}
    {%- else -%}
    {%- set from_day = day_after(column, {'day': after.day, 'accounts': []}, days_back) -%}
    select * from {{ relation }}
    where {{ from_day }}
    union all
    select * from {{ relation }}
    where
        not coalesce({{ from_day }}, false)
        and {{ restarted_rows(column, after, days_back) }}
    {%- endif -%}
{%- endmacro %}
