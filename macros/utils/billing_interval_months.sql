{#- The term of a billing interval in months: 12 for 'year', 1 otherwise
    ('month'). -#}
{% macro billing_interval_months(billing_interval) -%}
    case when {{ billing_interval }} = 'year' then 12 else 1 end
{%- endmacro %}
