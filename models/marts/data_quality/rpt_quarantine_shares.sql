{#-
    One row per raw table and data-quality rule that kept rows aside (primary key
    source_table + quarantine_rule): the rows it kept aside, the table's raw rows,
    their share, and the limits of seed quarantine_limits that apply (the most
    specific row: table and rule, then table, then rule, then `*,*`). status is
    'error' above error_share, 'warn' above warn_share, else 'ok'; the tests
    assert_quarantine_shares_below_* warn or fail the build naming the table and
    rule (docs/DEFINITIONS.md 1).
-#}
with quarantined as (
    select
        source_table,
        quarantine_rule,
        min(quarantine_stage) as quarantine_stage,
        count(*) as quarantined_rows
    from {{ ref('fct_quarantined_rows') }}
    group by source_table, quarantine_rule
),

tables as (
    select
        source_table,
        raw_rows
    from {{ ref('rpt_raw_row_reconciliation') }}
),

limits as (
    select * from {{ ref('quarantine_limits') }}
),

matched as (
    select
        quarantined.source_table,
        quarantined.quarantine_rule,
        limits.warn_share,
        limits.error_share,
        row_number() over (
            partition by quarantined.source_table, quarantined.quarantine_rule
            order by
                case when limits.source_table = '*' then 1 else 0 end,
                case when limits.quarantine_rule = '*' then 1 else 0 end
        ) as specificity_rank
    from quarantined
    inner join limits
        on
            limits.source_table in (quarantined.source_table, '*')
            and limits.quarantine_rule in (quarantined.quarantine_rule, '*')
),

shares as (
    select
        quarantined.source_table,
        quarantined.quarantine_rule,
        quarantined.quarantine_stage,
        quarantined.quarantined_rows,
        tables.raw_rows,
        cast(quarantined.quarantined_rows as double)
        / nullif(tables.raw_rows, 0) as quarantined_share,
        matched.warn_share,
        matched.error_share
    from quarantined
    inner join tables
        on quarantined.source_table = tables.source_table
    left join matched
        on
            quarantined.source_table = matched.source_table
            and quarantined.quarantine_rule = matched.quarantine_rule
            and matched.specificity_rank = 1
),

final as (
    select
        *,
        case
            when quarantined_share > error_share then 'error'
            when quarantined_share > warn_share then 'warn'
            else 'ok'
        end as status
    from shares
)

select * from final
