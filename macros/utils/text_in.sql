{#- `column` is one of `values` (texts), as an IN list of text literals
    (text_literal); with no value, a condition that is false (`1 = 0`), since an
    empty IN list is not SQL. -#}
{% macro text_in(column, values) -%}
    {%- if values -%}
    {{ column }} in (
    {%- for value in values -%}
        {{ text_literal(value) }}{{ ', ' if not loop.last }}
    {%- endfor -%})
    {%- else -%}
    1 = 0
    {%- endif -%}
{%- endmacro %}
