{#- For fct_raw_loads: the staged tables whose rows the day-grain models count,
    each with the columns that date a row: the day a row changes is the latest
    of them (a ticket solved today changes today, one created last month and
    exported only now changes last month). [source table, staging model, date
    columns]. docs/DEFINITIONS.md 6. -#}
{% macro raw_row_days() %}
    {{ return([
        ['product.tracks', 'stg_product__tracks', ['occurred_at']],
        ['support.tickets', 'stg_support__tickets', ['created_at', 'solved_at']],
        ['support.satisfaction_ratings', 'stg_support__satisfaction_ratings', ['rated_at']],
        ['crm.activities', 'stg_crm__activities', ['scheduled_at', 'completed_at']],
        ['crm.contacts', 'stg_crm__contacts', ['started_date', 'ended_date']],
        ['surveys.nps_responses', 'stg_surveys__nps_responses', ['responded_at']],
        ['billing.payments', 'stg_billing__payments', ['attempted_at']],
        ['billing.invoices', 'stg_billing__invoices', ['issued_at', 'paid_at']],
        ['billing.subscription_lines', 'stg_billing__subscription_lines',
            ['started_date', 'canceled_at']],
    ]) }}
{% endmacro %}
