{#-
    Every raw row of surveys.nps_responses, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_surveys__nps_responses keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('surveys', 'nps_responses') }} as src
),

typed as (
    select
        {{ typed('response_id', 'string') }} as nps_response_id,
        {{ typed('survey_id', 'string') }} as survey_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('contact_id', 'string') }} as contact_id,
        {{ clean_email('respondent_email') }} as respondent_email,
        {{ typed('score', 'int') }} as nps_score,
        {{ typed('responded_at', 'timestamp') }} as responded_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        raw_row
    from source
),

ranked as (
    {{ ranked_versions('typed', 'nps_response_id') }}
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['nps_response_id is null', 'missing_nps_response_id'],
            ['account_id is null', 'missing_account'],
            ['nps_score is null', 'missing_nps_score'],
            ['nps_score not between 0 and 10', 'nps_score_out_of_range'],
            ['responded_at is null', 'invalid_responded_at'],
            ['key_occurrence > 1 and has_conflicting_version', 'conflicting_version_same_load_time'],
            ['key_occurrence > 1', 'duplicate_nps_response_id']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked  -- noqa: AM04
