{#-
    Every raw row of crm.accounts, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__accounts keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'accounts') }} as src
),

typed as (
    select
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('account_name', dbt.type_string()) }} as account_name,
        nullif(lower(trim(domain)), '') as domain,
        regexp_replace(lower(trim(segment)), '[^a-z0-9]+', '_', 'g') as segment,
        {{ dbt.safe_cast('industry', dbt.type_string()) }} as industry,
        {{ dbt.safe_cast('employee_count', dbt.type_int()) }} as employee_count,
        {{ dbt.safe_cast('billing_country', dbt.type_string()) }} as billing_country,
        {{ dbt.safe_cast('region', dbt.type_string()) }} as region,
        {{ dbt.safe_cast('csm_owner_id', dbt.type_string()) }} as csm_owner_id,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('is_deleted', dbt.type_boolean()) }} as is_deleted,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by account_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['account_id is null', 'missing_account_id'],
            ['key_occurrence > 1', 'superseded_by_later_version']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
