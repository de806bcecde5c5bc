{#- One row per CRM account: firmographics, CS owner, lifecycle dates and the
    contract, champion and sponsor as they stand at the end of the as-of day. -#}
with accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

cs_users as (
    select * from {{ ref('stg_crm__users') }}
),

lines as (
    select * from {{ ref('stg_billing__subscription_lines') }}
    where started_date <= {{ as_of_date() }}
),

account_days as (
    select * from {{ ref('int_account_days_spined') }}
),

lifecycle as (
    select
        account_id,
        min(date_day) as first_subscription_date,
        max(case when is_customer then date_day end) as last_customer_date
    from account_days
    group by account_id
),

run_starts as (
    -- a run = consecutive customer days; a second run is a reactivation
    select
        account_id,
        count(*) as customer_runs,
        max(date_day) as latest_run_started_date
    from account_days
    where starts_customer_run
    group by account_id
),

lines_in_force as (
    select
        *,
        row_number() over (
            partition by account_id
            order by mrr desc, started_date asc, subscription_line_id asc
        ) as mrr_rank
    from lines
    where ended_date is null or ended_date > {{ as_of_date() }}
),

subscription_starts as (
    select
        subscription_id,
        min(started_date) as subscription_started_date
    from lines
    group by subscription_id
),

current_contract as (
    select
        lines_in_force.account_id,
        sum(lines_in_force.mrr) as current_mrr,
        sum(lines_in_force.seats) as current_seats,
        count(distinct lines_in_force.subscription_id) as active_subscriptions,
        max(case
            when lines_in_force.mrr_rank = 1 then lines_in_force.plan_name
        end) as plan_name,
        max(case
            when lines_in_force.mrr_rank = 1
                then lines_in_force.billing_interval
        end) as billing_interval,
        max(case
            when lines_in_force.mrr_rank = 1
                then subscription_starts.subscription_started_date
        end) as contract_started_date,
        max(case
            when lines_in_force.canceled_at is not null then 1 else 0
        end) = 1 as has_pending_cancellation
    from lines_in_force
    inner join subscription_starts
        on lines_in_force.subscription_id = subscription_starts.subscription_id
    group by lines_in_force.account_id
),

next_renewal as (
    select
        account_id,
        {{ next_renewal_date(
            'contract_started_date',
            billing_interval_months('billing_interval'),
            as_of_date()
        ) }} as renewal_date
    from current_contract
),

contacts_now as (
    select
        *,
        row_number() over (
            partition by account_id, contact_role
            order by started_date desc, contact_id asc
        ) as role_rank
    from {{ ref('stg_crm__contacts') }}
    where
        started_date <= {{ as_of_date() }}
        and (ended_date is null or ended_date > {{ as_of_date() }})
),

relationships as (
    select
        account_id,
        max(case
            when contact_role = 'champion' and role_rank = 1 then contact_id
        end) as champion_contact_id,
        max(case
            when contact_role = 'champion' and role_rank = 1
                then {{ contact_name('first_name', 'last_name') }}
        end) as champion_name,
        max(case
            when contact_role = 'champion' and role_rank = 1 then started_date
        end) as champion_since_date,
        max(case
            when contact_role = 'executive_sponsor' and role_rank = 1
                then contact_id
        end) as executive_sponsor_contact_id,
        max(case
            when contact_role = 'executive_sponsor' and role_rank = 1
                then {{ contact_name('first_name', 'last_name') }}
        end) as executive_sponsor_name
    from contacts_now
    group by account_id
),

champion_departures as (
    select
        account_id,
        max(ended_date) as last_champion_departure_date
    from {{ ref('stg_crm__contacts') }}
    where contact_role = 'champion' and ended_date <= {{ as_of_date() }}
    group by account_id
),

data_quality as (
    {#- the account's raw rows whose data the build could not use: kept aside
        by a rule (a duplicate or an older version loses nothing) or kept with
        a cell read as null -#}
    select
        account_id,
        sum(lost_rows) as raw_rows_kept_aside,
        sum(nulled_cells) as unparsed_cells
    from (
        select
            account_id,
            1 as lost_rows,
            0 as nulled_cells
        from {{ ref('fct_quarantined_rows') }}
        where
            quarantine_stage = 'staging'
            and quarantine_rule != 'superseded_by_later_version'
            and quarantine_rule not like 'duplicate%'
        union all
        select
            account_id,
            0 as lost_rows,
            1 as nulled_cells
        from {{ ref('fct_unparsed_cells') }}
        where row_outcome = 'kept, cell read as null'
    ) as issues
    where account_id is not null
    group by account_id
),

final as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.domain,
        accounts.segment,
        accounts.industry,
        accounts.employee_count,
        accounts.billing_country,
        accounts.region,
        accounts.csm_owner_id,
        owners.full_name as csm_name,
        owners.user_role as csm_role,
        managers.full_name as cs_manager_name,
        accounts.created_at as crm_created_at,
        lifecycle.first_subscription_date,
        coalesce(run_starts.customer_runs, 0) > 1 as is_reactivated,
        case
            when run_starts.customer_runs > 1
                then run_starts.latest_run_started_date
        end as reactivated_date,
        case
            when lifecycle.last_customer_date < {{ as_of_date() }}
                then cast(
                    {{ dbt.dateadd('day', 1, 'lifecycle.last_customer_date') }}
                    as date
                )
        end as churned_date,
        case
            when lifecycle.first_subscription_date is null then 'prospect'
            when current_contract.current_mrr > 0 then 'active'
            else 'churned'
        end as customer_status,
        cast({{ dbt.datediff(
            'lifecycle.first_subscription_date', as_of_date(), 'day'
        ) }} as integer) as tenure_days,
        coalesce(current_contract.current_mrr > 0, false)
        and {{ dbt.datediff(
            'lifecycle.first_subscription_date', as_of_date(), 'day'
        ) }} < {{ var('onboarding_days') }} as is_onboarding,
        coalesce(current_contract.current_mrr, 0) as current_mrr,
        coalesce(current_contract.current_mrr, 0) * 12 as current_arr,
        cast(coalesce(current_contract.current_seats, 0) as integer)
            as current_seats,
        cast(coalesce(current_contract.active_subscriptions, 0) as integer)
            as active_subscriptions,
        current_contract.plan_name,
        current_contract.billing_interval,
        current_contract.contract_started_date,
        next_renewal.renewal_date,
        coalesce(current_contract.has_pending_cancellation, false)
            as has_pending_cancellation,
        relationships.champion_contact_id is not null as has_champion,
        relationships.champion_contact_id,
        relationships.champion_name,
        relationships.champion_since_date,
        relationships.executive_sponsor_contact_id is not null
            as has_executive_sponsor,
        relationships.executive_sponsor_contact_id,
        relationships.executive_sponsor_name,
        champion_departures.last_champion_departure_date,
        cast(coalesce(data_quality.raw_rows_kept_aside, 0) as integer)
            as raw_rows_kept_aside,
        cast(coalesce(data_quality.unparsed_cells, 0) as integer)
            as unparsed_cells,
        data_quality.account_id is not null as has_data_quality_issue
    from accounts
    left join cs_users as owners
        on accounts.csm_owner_id = owners.user_id
    left join cs_users as managers
        on owners.manager_user_id = managers.user_id
    left join lifecycle
        on accounts.account_id = lifecycle.account_id
    left join run_starts
        on accounts.account_id = run_starts.account_id
    left join current_contract
        on accounts.account_id = current_contract.account_id
    left join next_renewal
        on accounts.account_id = next_renewal.account_id
    left join relationships
        on accounts.account_id = relationships.account_id
    left join champion_departures
        on accounts.account_id = champion_departures.account_id
    left join data_quality
        on accounts.account_id = data_quality.account_id
)

select * from final
