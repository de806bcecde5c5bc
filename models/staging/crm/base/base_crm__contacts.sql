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
        {{ typed('contact_id', 'string') }} as contact_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('first_name', 'string') }} as first_name,
        {{ typed('last_name', 'string') }} as last_name,
        {{ clean_email('email') }} as email,
        {{ typed('title', 'string') }} as title,
        {{ typed('contact_role', 'string') }} as contact_role,
        {{ typed('started_on', 'date') }} as started_date,
        {{ typed('ended_on', 'date') }} as ended_date,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'contact_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['contact_id is null', 'missing_contact_id'],
            ['account_id is null', 'missing_account'],
            ['ended_date < started_date', 'ended_before_started'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_contact_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
