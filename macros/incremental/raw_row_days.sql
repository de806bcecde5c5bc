{#- For fct_raw_loads: the staged tables whose rows the day-grain models count,
    each with the columns that date a row and its key. The day a row changes
    is the earliest of its dating columns when no version of its key was
    loaded before (a ticket opened last month and first exported today, solved
    or not, changes every day since it opened), and the latest of them for a
    new version of a stored key (a ticket solved today changes today; one
    re-exported as reopened, its solved time gone, changes from its opening).
    [source table, staging model, date columns, stored by load, key]: a table
    stored by load (base_product__tracks, strategy append_loads) never loses
    or changes a stored row, so its rows loaded after a watermark are all the
    rows that can be newer than it. The key's earlier versions are read from
    the base model of the staging one (every raw row, each version of a key
    kept). docs/DEFINITIONS.md 6. -#}
{% macro raw_row_days() %}
    {{ return([
        ['product.tracks', 'stg_product__tracks', ['occurred_at'], true, 'message_id'],
        ['support.tickets', 'stg_support__tickets', ['created_at', 'solved_at'], false, 'ticket_id'],
        ['support.satisfaction_ratings', 'stg_support__satisfaction_ratings', ['rated_at'], false,
            'rating_id'],
        ['crm.activities', 'stg_crm__activities', ['scheduled_at', 'completed_at'], false,
            'activity_id'],
        ['crm.contacts', 'stg_crm__contacts', ['started_date', 'ended_date'], false, 'contact_id'],
        ['surveys.nps_responses', 'stg_surveys__nps_responses', ['responded_at'], false,
            'nps_response_id'],
        ['billing.payments', 'stg_billing__payments', ['attempted_at'], false, 'payment_id'],
        ['billing.invoices', 'stg_billing__invoices', ['issued_at', 'paid_at'], false, 'invoice_id'],
        ['billing.subscription_lines', 'stg_billing__subscription_lines',
            ['started_date', 'canceled_at'], false, 'subscription_line_id'],
    ]) }}
{% endmacro %}

{#- For fct_raw_loads: the day a loaded row of several dating columns changes (raw_row_days,
    the table aliased `loaded`): the earliest ('least') or the latest ('greatest') of them,
    a missing one counting as the first. -#}
{% macro raw_row_day(date_columns, pick) -%}
    {{ pick }}(
        {%- for column in date_columns %}
        coalesce(
            cast(loaded.{{ column }} as date),
            cast(loaded.{{ date_columns[0] }} as date)
        ){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
