{#-
    Every raw row of crm.accounts, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__accounts keeps the usable rows; fct_quarantined_rows keeps the others.
    An account whose latest version is soft-deleted (is_deleted) is kept aside as
    deleted_in_crm: like an account the export no longer holds, its rows in the
    other systems become unknown_account (docs/DEFINITIONS.md 1).
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'accounts') }} as src
),

typed as (
    select
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('account_name', 'string') }} as account_name,
        nullif(lower(trim(domain)), '') as domain,
        {{ regex_replace_all('lower(trim(segment))', '[^a-z0-9]+', '_') }}
            as segment,
        {{ typed('industry', 'string') }} as industry,
        {{ typed('employee_count', 'int') }} as employee_count,
        {{ typed('billing_country', 'string') }} as billing_country,
        {{ typed('region', 'string') }} as region,
        {{ typed('csm_owner_id', 'string') }} as csm_owner_id,
        {{ typed('created_at', 'timestamp') }} as created_at,
        {{ typed('is_deleted', 'boolean') }} as is_deleted,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'account_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['account_id is null', 'missing_account_id'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'superseded_by_later_version'],
            ['is_deleted', 'deleted_in_crm']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
