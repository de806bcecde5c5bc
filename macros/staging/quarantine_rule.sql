{#-
    The first data-quality rule a row breaks, or null if it breaks none.
    rules: list of [condition_sql, rule_name] pairs, checked in order.
-#}
{% macro quarantine_rule(rules) -%}
    case
    {%- for condition, rule_name in rules %}
        when {{ condition }} then '{{ rule_name }}'
    {%- endfor %}
    end
{%- endmacro %}
