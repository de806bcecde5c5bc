{#-
    Every raw row of flat_export.account_metrics, typed, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct. An empty number
    is missing data (its weight is re-spread); one that does not read as a number
    is unreadable_number.
    stg_flat_export__account_metrics keeps the usable rows; fct_quarantined_rows
    keeps the others.
-#}
{%- set numbers = ['mrr', 'logins_30d', 'features_used', 'open_tickets',
    'nps_score', 'days_since_last_login'] -%}
{%- set unreadable_checks = [] -%}
{%- for column in numbers -%}
    {%- do unreadable_checks.append(
        '(' ~ column ~ ' is null and trim(cast(raw_row.' ~ column ~ ' as '
        ~ dbt.type_string() ~ ")) != '')") -%}
{%- endfor -%}
{%- set unreadable = unreadable_checks | join(' or ') %}

with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('flat_export', 'account_metrics') }} as src
),

typed as (
    select
        trim({{ typed('account_id', 'string') }}) as account_id,
        {{ typed('mrr', 'float') }} as mrr,
        {{ typed('logins_30d', 'int') }} as logins_30d,
        {{ typed('features_used', 'int') }} as features_used,
        {{ typed('open_tickets', 'int') }} as open_tickets,
        {{ typed('nps_score', 'int') }} as nps_score,
        {{ typed('days_since_last_login', 'int') }} as days_since_last_login,
        raw_row
    from source
),

ranked as (
    select
        *,
        count(*) over (partition by account_id) as key_rows
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ["coalesce(account_id, '') = ''", 'missing_account_id'],
            [unreadable, 'unreadable_number'],
            ['key_rows > 1', 'duplicate_account_id'],
            ['mrr < 0', 'negative_mrr'],
            ['logins_30d < 0 or features_used < 0 or open_tickets < 0'
                ~ ' or days_since_last_login < 0', 'negative_count'],
            ['nps_score not between -100 and 100', 'nps_score_out_of_range']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
