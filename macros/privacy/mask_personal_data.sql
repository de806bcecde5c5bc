{#- A raw record's JSON text with personal data masked, for
    fct_quarantined_rows: the part of every e-mail address before the @ (the
    domain stays: it names the customer's company) and the values of the
    name fields of macro personal_name_fields. docs/DEFINITIONS.md 7. -#}
{% macro mask_personal_data(json_text) -%}
    {{ return(adapter.dispatch('mask_personal_data')(json_text)) }}
{%- endmacro %}

{% macro default__mask_personal_data(json_text) -%}
    {{ regex_replace_all(
        regex_replace_all(json_text, '[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+[.])', '***@\\1'),
        '"(' ~ personal_name_fields() | join('|') ~ ')":"[^"]*"',
        '"\\1":"***"'
    ) }}
{%- endmacro %}
