{#- One row per included backtest observation and validation cut (unique:
    dimension, dimension_value, observation_date, account_id; cuts from
    validation_cuts()): the score, the outcome and the period, the churn
    probability of the Platt fit, whether the score flags the account at
    risk (below the threshold of val_at_risk_threshold, chosen on the fit
    dates) or would make its churn a surprise (above
    validation_settings.surprise_above_score), its score band and its decile
    within the cut and period, riskiest (lowest score) first. -#}
with observations as (
    select * from {{ ref('val_backtest_observations') }}
    where is_included
),

cut_rows as (
    {%- for cut in validation_cuts() %}
    select
        '{{ cut.name }}' as dimension,
        {{ cut.value }} as dimension_value,
        observation_date,
        account_id,
        segment,
        backtest_period,
        health_score,
        churned_within_horizon,
        days_to_churn,
        contracted_within_horizon,
        expanded_within_horizon
    from observations
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        cut_rows.*,
        1 / (1 + exp(-(fit.intercept + fit.slope * cut_rows.health_score)))
            as predicted_churn_probability,
        coalesce(
            cut_rows.health_score < threshold.at_risk_threshold, false
        ) as is_flagged_at_risk,
        cut_rows.health_score > validation.surprise_above_score
            as is_surprise_if_churned,
        least(
            floor(cut_rows.health_score / validation.score_band_width),
            ceil(100 / validation.score_band_width) - 1
        ) * validation.score_band_width as score_band_lower,
        {{ riskiest_first_decile(
            ['cut_rows.dimension', 'cut_rows.dimension_value',
                'cut_rows.backtest_period'],
            'cut_rows.health_score',
            ['cut_rows.account_id', 'cut_rows.observation_date'],
            'validation.decile_count'
        ) }} as risk_decile
    from cut_rows
    cross join {{ ref('val_calibration_fit') }} as fit
    cross join {{ ref('validation_settings') }} as validation
    cross join {{ ref('val_at_risk_threshold') }} as threshold
)

select * from final
