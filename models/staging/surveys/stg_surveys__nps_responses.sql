with base as (
    select * from {{ ref('base_surveys__nps_responses') }}
),

final as (
    select
        nps_response_id,
        survey_id,
        account_id,
        contact_id,
        respondent_email,
        nps_score,
        responded_at,
        _loaded_at
    from base
    where quarantine_rule is null
)

select * from final
