{{ config(
    materialized='incremental',
    incremental_strategy='append_loads',
    meta={'rewritten_each_run': "quarantine_stage = 'referential'"},
    on_schema_change='fail',
) }}
{#-
    The raw product.tracks rows that cannot be used, in the columns of
    fct_quarantined_rows plus the row's load time: the rows base_product__tracks
    quarantines (stage 'staging') and the staged rows of an account that does
    not exist (stage 'referential', rule unknown_account).

    Stored by load like base_product__tracks (docs/DEFINITIONS.md 6): a run reads
    only the rows loaded after the latest _loaded_at stored here, and the rows
    without a load time. A stored 'staging' row never changes (a later load never
    changes a staged row). The stored 'referential' rows are written again on
    every run (strategy append_loads, meta rewritten_each_run), less those whose
    account has since arrived. Rows loaded up to the watermark that were
    neither are read no more: an account taken out of the CRM needs a full
    refresh, like a rewritten events file.
-#}
{%- set since = loaded_since_watermark('_loaded_at') %}

with staging_rejects as (
    {{ staging_reject_rows(
        ref('base_product__tracks'), 'message_id', true,
        extra=['_loaded_at'], where=since) }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

read_orphans as (
    {{ unknown_account_rows(
        ref('stg_product__tracks'), 'message_id', 'accounts',
        extra=['_loaded_at'], where=since) }}
),
{%- if is_incremental() %}

stored_orphans as (
    {#- rows without a load time are among the rows read again -#}
    select
        stored.record_key,
        stored.account_id,
        stored.quarantine_rule,
        stored.quarantine_stage,
        stored.raw_record,
        stored._loaded_at
    from {{ this }} as stored
    left join accounts
        on stored.account_id = accounts.account_id
    where
        stored.quarantine_stage = 'referential'
        and stored._loaded_at is not null
        and accounts.account_id is null
),
{%- endif %}

final as (
    select * from staging_rejects
    union all
    select * from read_orphans
    {%- if is_incremental() %}
    union all
    select * from stored_orphans
    {%- endif %}
)

select * from final
