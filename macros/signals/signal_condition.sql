{#- True when `value` compares to `threshold` as `comparison` says (one of
    <, <=, >, >=, =, all SQL expressions); null value gives false, so a metric
    with no data never raises a signal. -#}
{% macro signal_condition(value, comparison, threshold) -%}
    coalesce(case {{ comparison }}
        when '<' then {{ value }} < {{ threshold }}
        when '<=' then {{ value }} <= {{ threshold }}
        when '>' then {{ value }} > {{ threshold }}
        when '>=' then {{ value }} >= {{ threshold }}
        when '=' then {{ value }} = {{ threshold }}
    end, false)
{%- endmacro %}
