{#- A text as a SQL string literal, so a path or seed value holding an
    apostrophe (/data/o'brien/raw) reads as itself and cannot change the
    statement: DuckDB doubles the quote; Spark escapes it (and backslashes)
    with a backslash, since it joins adjacent literals ('a''b' is 'ab'). -#}
{% macro text_literal(value) -%}
    {{ return(adapter.dispatch('text_literal')(value)) }}
{%- endmacro %}

{% macro default__text_literal(value) -%}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{% macro spark__text_literal(value) -%}
    {{ return("'" ~ (value | string | replace('\\', '\\\\') | replace("'", "\\'")) ~ "'") }}
{%- endmacro %}
