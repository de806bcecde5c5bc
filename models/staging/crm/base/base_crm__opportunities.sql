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
        {{ dbt.safe_cast('opportunity_id', dbt.type_string()) }} as opportunity_id,
        {{ dbt.safe_cast('account_id', dbt.type_string()) }} as account_id,
        {{ dbt.safe_cast('owner_id', dbt.type_string()) }} as owner_user_id,
        {{ dbt.safe_cast('opportunity_type', dbt.type_string()) }} as opportunity_type,
        {{ dbt.safe_cast('stage', dbt.type_string()) }} as stage,
        {{ dbt.safe_cast('amount', dbt.type_float()) }} as amount,
        {{ dbt.safe_cast('created_on', 'date') }} as created_date,
        {{ dbt.safe_cast('close_on', 'date') }} as close_date,
        {{ dbt.safe_cast('loss_reason', dbt.type_string()) }} as loss_reason,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by opportunity_id
            order by _loaded_at desc
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['opportunity_id is null', 'missing_opportunity_id'],
            ['account_id is null', 'missing_account'],
            ['amount < 0', 'negative_amount'],
            ['key_occurrence > 1', 'duplicate_opportunity_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
