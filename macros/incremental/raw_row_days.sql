{#- For fct_raw_loads: the staged tables whose rows the day-grain models count,
    each with the columns that date a row: the day a row changes is the latest
    of them (a ticket solved today changes today, one created last month and
    exported only now changes last month). [source table, staging model, date
    columns, stored by load]: a table stored by load (base_product__tracks,
    strategy append_loads) never loses or changes a stored row, so its rows
    loaded after a watermark are all the rows that can be newer than it.
    docs/DEFINITIONS.md 6. -#}
{% macro raw_row_days() %}
    {{ return([
        ['product.tracks', 'stg_product__tracks', ['occurred_at'], true],
        ['support.tickets', 'stg_support__tickets', ['created_at', 'solved_at'], false],
        ['support.satisfaction_ratings', 'stg_support__satisfaction_ratings', ['rated_at'], false],
        ['crm.activities', 'stg_crm__activities', ['scheduled_at', 'completed_at'], false],
        ['crm.contacts', 'stg_crm__contacts', ['started_date', 'ended_date'], false],
        ['surveys.nps_responses', 'stg_surveys__nps_responses', ['responded_at'], false],
        ['billing.payments', 'stg_billing__payments', ['attempted_at'], false],
        ['billing.invoices', 'stg_billing__invoices', ['issued_at', 'paid_at'], false],
        ['billing.subscription_lines', 'stg_billing__subscription_lines',
            ['started_date', 'canceled_at'], false],
    ]) }}
{% endmacro %}
