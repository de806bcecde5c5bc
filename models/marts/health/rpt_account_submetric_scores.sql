{#- One row per account scored on the as-of day and enabled sub-metric
    (unique: account_id, submetric): the raw value and its words, the 0-100
    score, the sub-metric's and the component's weight, the effective weight
    after missing data is re-spread, the points it contributes to the health
    score (they sum to it) and the points it misses, its contribution 30 days
    earlier and the change; whether it is a risk driver or a strength (seed
    driver_settings; a sub-metric with no weight is neither) and its rank in
    each list. -#}
with settings as (
    select * from {{ ref('driver_settings') }}
),

catalogue as (
    select
        metric as submetric,
        label,
        value_format,
        driver_text
    from {{ ref('metric_catalogue') }}
),

two_days as {{ materialized_cte() }} (
    -- computed once: the windows of submetric_points read it (macro
    -- materialized_cte)
    select *
    from {{ ref('int_submetric_scores_daily') }}
    where
        -- the range is checked in the scan, before the wide columns are
        -- read; an in-list alone is checked after reading every row
        date_day between {{ days_before_as_of(30) }} and {{ as_of_date() }}
        and date_day in (
            {{ as_of_date() }},
            {{ days_before_as_of(30) }}
        )
),

points as (
    {{ submetric_points('two_days', ['account_id', 'date_day']) }}
),

now_and_then as (
    select
        today.account_id,
        today.segment,
        today.component,
        today.submetric,
        today.method,
        today.raw_value,
        today.submetric_score,
        today.submetric_weight,
        today.component_weight,
        today.effective_weight,
        today.submetric_score * today.effective_weight as points_contributed,
        (100 - today.submetric_score) * today.effective_weight
            as points_missed,
        earlier.raw_value as raw_value_30d_ago,
        earlier.submetric_score * earlier.effective_weight
            as points_contributed_30d_ago,
        earlier.account_id is not null as was_scored_30d_ago
    from points as today
    left join points as earlier
        on
            today.account_id = earlier.account_id
            and today.submetric = earlier.submetric
            and earlier.date_day = {{ days_before_as_of(30) }}
    where today.date_day = {{ as_of_date() }}
),

described as (
    select
        now_and_then.*,
        catalogue.label,
        {{ driver_text(
            'catalogue.driver_text', 'catalogue.value_format',
            'now_and_then.raw_value'
        ) }} as driver_text,
        case
            -- rounded to 9 decimals so ties and the one-decimal text do not
            -- depend on the order the engine summed the points in
            when now_and_then.was_scored_30d_ago
                then round(
                    coalesce(now_and_then.points_contributed, 0)
                    - coalesce(now_and_then.points_contributed_30d_ago, 0),
                    9
                )
        end as points_change_30d,
        settings.risk_below_score,
        settings.strength_from_score
    from now_and_then
    inner join catalogue
        on now_and_then.submetric = catalogue.submetric
    cross join settings
),

final as (
    select
        account_id,
        {{ as_of_date() }} as as_of_date,
        segment,
        component,
        submetric,
        label,
        method,
        raw_value,
        driver_text,
        submetric_score,
        submetric_weight,
        component_weight,
        effective_weight,
        points_contributed,
        points_missed,
        raw_value_30d_ago,
        points_contributed_30d_ago,
        points_change_30d,
        {{ driver_ranks('account_id') }},
        case when points_change_30d is not null then cast(row_number() over (
            partition by account_id, points_change_30d is null
            order by abs(points_change_30d) desc, submetric
        ) as {{ dbt.type_bigint() }}) end as change_rank
    from described
)

select * from final
