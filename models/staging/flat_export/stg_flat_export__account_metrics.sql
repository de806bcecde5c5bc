with base as (
    select * from {{ ref('base_flat_export__account_metrics') }}
),

final as (
    select
        account_id,
        mrr,
        logins_30d,
        features_used,
        open_tickets,
        nps_score,
        days_since_last_login
    from base
    where quarantine_rule is null
)

select * from final
