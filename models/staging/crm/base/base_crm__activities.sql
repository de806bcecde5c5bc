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
        {{ dbt.safe_cast('activity_id', dbt.type_string()) }} as activity_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('owner_id', dbt.type_string()) }} as owner_user_id,
        {{ dbt.safe_cast('contact_id', dbt.type_string()) }} as contact_id,
        {{ dbt.safe_cast('activity_type', dbt.type_string()) }} as activity_type,
        {{ dbt.safe_cast('activity_status', dbt.type_string()) }} as activity_status,
        {{ dbt.safe_cast('scheduled_at', dbt.type_timestamp()) }} as scheduled_at,
        {{ dbt.safe_cast('completed_at', dbt.type_timestamp()) }} as completed_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by activity_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['activity_id is null', 'missing_activity_id'],
            ['account_id is null', 'missing_account'],
            ['scheduled_at is null', 'invalid_scheduled_at'],
            ['key_occurrence > 1', 'duplicate_activity_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
