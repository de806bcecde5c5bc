{#- A text as a SQL string literal: quoted, with every quote inside doubled,
    so a path or seed value holding an apostrophe (/data/o'brien/raw) reads
    as itself and cannot change the statement. -#}
{% macro text_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
