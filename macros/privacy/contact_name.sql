{#- A customer contact's name for the BI marts: "first last" when var
    expose_contact_names is true, else null (the marts then carry the contact's
    role and id only). docs/DEFINITIONS.md 7. -#}
{% macro contact_name(first_name, last_name) -%}
    {%- if var('expose_contact_names') -%}
        trim(coalesce({{ first_name }}, '') || ' ' || coalesce({{ last_name }}, ''))
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
