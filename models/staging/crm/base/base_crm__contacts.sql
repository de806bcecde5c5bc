{#-
    Every raw row of crm.contacts, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__contacts keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'contacts') }} as src
),

typed as (
    select
        {{ dbt.safe_cast('contact_id', dbt.type_string()) }} as contact_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('first_name', dbt.type_string()) }} as first_name,
        {{ dbt.safe_cast('last_name', dbt.type_string()) }} as last_name,
        {{ clean_email('email') }} as email,
        {{ dbt.safe_cast('title', dbt.type_string()) }} as title,
        {{ dbt.safe_cast('contact_role', dbt.type_string()) }} as contact_role,
        {{ dbt.safe_cast('started_on', 'date') }} as started_date,
        {{ dbt.safe_cast('ended_on', 'date') }} as ended_date,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by contact_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['contact_id is null', 'missing_contact_id'],
            ['account_id is null', 'missing_account'],
            ['ended_date < started_date', 'ended_before_started'],
            ['key_occurrence > 1', 'duplicate_contact_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
