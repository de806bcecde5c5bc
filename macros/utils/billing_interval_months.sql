{#- The term of a billing interval in months: 'month' 1, 'quarter' 3,
    'half_year' 6, 'year' 12 (the intervals the raw contract accepts); any
    other value counts as 1. -#}
{% macro billing_interval_months(billing_interval) -%}
    case {{ billing_interval }}
        when 'year' then 12
        when 'half_year' then 6
        when 'quarter' then 3
        else 1
    end
{%- endmacro %}
