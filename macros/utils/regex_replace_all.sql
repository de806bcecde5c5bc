{#- Every match of a regular expression in a text replaced (a group is \1
    in the replacement, written the engine's way): DuckDB replaces the first
    match unless told 'g' and writes groups \1; Spark replaces every match and
    writes groups $1. -#}
{% macro regex_replace_all(text, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all')(text, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, {{ text_literal(pattern) }}, {{ text_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, {{ text_literal(pattern) }}, {{ text_literal(replacement | replace('\\', '$')) }})
{%- endmacro %}
