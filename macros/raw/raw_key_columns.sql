{#- The raw columns that join one raw table to another (lower case). Raw
    registration warns when one of them has different types in different raw
    files (docs/RAW_CONTRACT.md). -#}
{% macro raw_key_columns() %}
    {{ return([
        'account_id', 'user_id', 'contact_id', 'ticket_id', 'subscription_id',
        'invoice_id'
    ]) }}
{% endmacro %}
