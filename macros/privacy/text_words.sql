{#- One row per word (a run of letters) of a text column, as column `word`,
    beside the relation's other columns: select ..., {{ text_words('value') }}
    from ... The word split differs by engine. -#}
{% macro text_words(column) -%}
    {{ return(adapter.dispatch('text_words')(column)) }}
{%- endmacro %}

{% macro default__text_words(column) -%}
    unnest(string_split_regex({{ column }}, '[^[:alpha:]]+')) as word
{%- endmacro %}

{% macro spark__text_words(column) -%}
    explode(split({{ column }}, '[^\\p{L}]+')) as word
{%- endmacro %}
