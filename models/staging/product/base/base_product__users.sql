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
        {{ dbt.safe_cast('user_id', dbt.type_string()) }} as user_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ clean_email('email') }} as email,
        {{ dbt.safe_cast('user_role', dbt.type_string()) }} as user_role,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by user_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['user_id is null', 'missing_user_id'],
            ['account_id is null', 'missing_account'],
            ['key_occurrence > 1', 'duplicate_user_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
