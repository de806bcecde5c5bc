{#-
    Every raw row of crm.users, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_crm__users keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('crm', 'users') }} as src
),

typed as (
    select
        {{ typed('user_id', 'string') }} as user_id,
        {{ typed('full_name', 'string') }} as full_name,
        {{ clean_email('email') }} as email,
        {{ typed('role', 'string') }} as user_role,
        {{ typed('manager_id', 'string') }} as manager_user_id,
        {{ typed('segment_focus', 'string') }} as segment_focus,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'user_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['user_id is null', 'missing_user_id'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_user_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
