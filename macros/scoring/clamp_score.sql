{#- Clamps to 0..100 and keeps null as null (greatest/least skip nulls on DuckDB
    and Spark, which would turn a missing value into 0 points). -#}
{% macro clamp_score(expression) -%}
    case
        when ({{ expression }}) < 0 then 0.0
        when ({{ expression }}) > 100 then 100.0
        else ({{ expression }})
    end
{%- endmacro %}
