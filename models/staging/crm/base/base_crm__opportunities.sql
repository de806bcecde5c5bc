{#-
    Every raw row of crm.opportunities, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__opportunities keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'opportunities') }} as src
),

typed as (
    select
        {{ typed('opportunity_id', 'string') }} as opportunity_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('owner_id', 'string') }} as owner_user_id,
        {{ typed('opportunity_type', 'string') }} as opportunity_type,
        {{ typed('stage', 'string') }} as stage,
        {{ typed('amount', 'float') }} as amount,
        {{ typed('created_on', 'date') }} as created_date,
        {{ typed('close_on', 'date') }} as close_date,
        {{ typed('loss_reason', 'string') }} as loss_reason,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'opportunity_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['opportunity_id is null', 'missing_opportunity_id'],
            ['account_id is null', 'missing_account'],
            ['amount < 0', 'negative_amount'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_opportunity_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
