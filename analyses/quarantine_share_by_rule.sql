-- Share of each raw table's rows kept aside, by rule: where data quality
-- problems come from, for the owners of the source systems.
with quarantined as (
    select * from {{ ref('fct_quarantined_rows') }}
),

reconciliation as (
    select * from {{ ref('rpt_raw_row_reconciliation') }}
),

by_rule as (
    select
        source_table,
        quarantine_stage,
        quarantine_rule,
        count(*) as quarantined_rows
    from quarantined
    group by source_table, quarantine_stage, quarantine_rule
)

select
    by_rule.source_table,
    by_rule.quarantine_stage,
    by_rule.quarantine_rule,
    by_rule.quarantined_rows,
    reconciliation.raw_rows,
    round(100.0 * by_rule.quarantined_rows / reconciliation.raw_rows, 3)
        as percent_of_raw_rows
from by_rule
inner join reconciliation
    on by_rule.source_table = reconciliation.source_table
order by by_rule.quarantined_rows desc
