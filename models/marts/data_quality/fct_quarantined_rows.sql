{#-
    One row per raw row that cannot be used, with the rule it broke.
    stage 'staging': the row itself is bad (null key, out-of-range value, duplicate).
    stage 'referential': the row is fine but points at an account (or ticket) that
    does not exist; it stays in staging and is left out of everything downstream.
    raw_record: the row as JSON text, e-mails and names masked (docs/DEFINITIONS.md 7).
    The product events' rows come from int_product_tracks_quarantined, which
    keeps them by load, so that a daily run does not scan every event again.
-#}
{%- set entities = staged_entities()
    | rejectattr(0, 'equalto', 'product.tracks') | list -%}

with staging_rejects as (
    {%- for source_table, name, key, has_account in entities %}
    {{ staging_reject_rows(
        ref('base_' ~ name), key, has_account, source_table) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

tickets_with_account as (
    select tickets.ticket_id
    from {{ ref('stg_support__tickets') }} as tickets
    inner join accounts
        on tickets.account_id = accounts.account_id
),

orphans as (
    {%- for source_table, name, key, has_account in entities if has_account %}
    {{ unknown_account_rows(
        ref('stg_' ~ name), key, 'accounts', source_table) }}
    union all
    {%- endfor %}
    select
        'support.satisfaction_ratings' as source_table,
        ratings.rating_id as record_key,
        cast(null as {{ dbt.type_string() }}) as account_id,
        'unknown_ticket' as quarantine_rule,
        'referential' as quarantine_stage,
        {{ mask_personal_data(json_text(row_struct('ratings'))) }} as raw_record
    from {{ ref('stg_support__satisfaction_ratings') }} as ratings
    left join tickets_with_account
        on ratings.ticket_id = tickets_with_account.ticket_id
    where tickets_with_account.ticket_id is null
),

tracks as (
    select
        'product.tracks' as source_table,
        record_key,
        account_id,
        quarantine_rule,
        quarantine_stage,
        raw_record
    from {{ ref('int_product_tracks_quarantined') }}
),

final as (
    select * from staging_rejects
    union all
    select * from orphans
    union all
    select * from tracks
)

select * from final
