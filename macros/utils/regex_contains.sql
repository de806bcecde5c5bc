{#- True where a text contains a match of a regular expression. -#}
{% macro regex_contains(text, pattern) -%}
    {{ return(adapter.dispatch('regex_contains')(text, pattern)) }}
{%- endmacro %}

{% macro default__regex_contains(text, pattern) -%}
    regexp_matches({{ text }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_contains(text, pattern) -%}
    {{ text }} rlike '{{ pattern }}'
{%- endmacro %}
