{#- E-mails compared across systems: trimmed and lower-cased. -#}
{% macro clean_email(column) -%}
    nullif(lower(trim({{ column }})), '')
{%- endmacro %}
