{#-
    Every raw row of crm.activities, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__activities keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'activities') }} as src
),

typed as (
    select
        {{ typed('activity_id', 'string') }} as activity_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('owner_id', 'string') }} as owner_user_id,
        {{ typed('contact_id', 'string') }} as contact_id,
        {{ typed('activity_type', 'string') }} as activity_type,
        {{ typed('activity_status', 'string') }} as activity_status,
        {{ typed('scheduled_at', 'timestamp') }} as scheduled_at,
        {{ typed('completed_at', 'timestamp') }} as completed_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'activity_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['activity_id is null', 'missing_activity_id'],
            ['account_id is null', 'missing_account'],
            ['scheduled_at is null', 'invalid_scheduled_at'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_activity_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
