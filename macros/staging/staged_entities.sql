{#-
    The staged raw tables: [source table, model suffix, key column, has account_id].
    One list, read by the quarantine and reconciliation marts and their tests.
-#}
{% macro staged_entities() %}
    {{ return([
        ['crm.accounts', 'crm__accounts', 'account_id', false],
        ['crm.users', 'crm__users', 'user_id', false],
        ['crm.contacts', 'crm__contacts', 'contact_id', true],
        ['crm.activities', 'crm__activities', 'activity_id', true],
        ['crm.opportunities', 'crm__opportunities', 'opportunity_id', true],
        ['billing.subscription_lines', 'billing__subscription_lines', 'subscription_line_id', true],
        ['billing.invoices', 'billing__invoices', 'invoice_id', true],
        ['billing.payments', 'billing__payments', 'payment_id', true],
        ['product.features', 'product__features', 'event_name', false],
        ['product.users', 'product__users', 'user_id', true],
        ['product.tracks', 'product__tracks', 'message_id', true],
        ['support.tickets', 'support__tickets', 'ticket_id', true],
        ['support.satisfaction_ratings', 'support__satisfaction_ratings', 'rating_id', false],
        ['surveys.nps_responses', 'surveys__nps_responses', 'nps_response_id', true],
        ['flat_export.account_metrics', 'flat_export__account_metrics', 'account_id', false],
        ['weight_candidates.weight_sets', 'weight_candidates__weight_sets',
            "weight_set || '/' || component", false],
    ]) }}
{% endmacro %}
