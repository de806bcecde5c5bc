{#-
    Every raw row of product.users, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_product__users keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('product', 'users') }} as src
),

typed as (
    select
        {{ typed('user_id', 'string') }} as user_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ clean_email('email') }} as email,
        {{ typed('user_role', 'string') }} as user_role,
        {{ typed('created_at', 'timestamp') }} as created_at,
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
            ['account_id is null', 'missing_account'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_user_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
