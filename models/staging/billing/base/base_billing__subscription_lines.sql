{#-
    Every raw row of billing.subscription_lines, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_billing__subscription_lines keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('billing', 'subscription_lines') }} as src
),

typed as (
    select
        {{ typed('line_id', 'string') }} as subscription_line_id,
        {{ typed('subscription_id', 'string') }} as subscription_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('plan_id', 'string') }} as plan_id,
        {{ typed('plan_name', 'string') }} as plan_name,
        {{ typed('billing_interval', 'string') }} as billing_interval,
        {{ typed('seats', 'int') }} as seats,
        {{ typed('unit_price', 'float') }} as unit_price,
        {{ typed('mrr', 'float') }} as mrr,
        lower(currency) as currency,
        {{ typed('started_on', 'date') }} as started_date,
        {{ typed('ended_on', 'date') }} as ended_date,
        {{ typed('canceled_at', 'timestamp') }} as canceled_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'subscription_line_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['subscription_line_id is null', 'missing_subscription_line_id'],
            ['account_id is null', 'missing_account'],
            ['started_date is null', 'invalid_started_date'],
            ['ended_date < started_date', 'ended_before_started'],
            ['mrr is null or mrr < 0', 'invalid_mrr'],
            [above_value_limit('billing.subscription_lines', 'mrr'), 'mrr_above_limit'],
            ['seats < 0', 'invalid_seats'],
            [above_value_limit('billing.subscription_lines', 'seats'), 'seats_above_limit'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_subscription_line_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
