{#- The raw contract's fields that hold a person's name (crm.contacts,
    crm.users). -#}
{% macro personal_name_fields() -%}
    {{ return(['first_name', 'last_name', 'full_name']) }}
{%- endmacro %}
