with base as (
    select * from {{ ref('base_product__features') }}
),

final as (
    select
        event_name,
        feature_name,
        feature_class,
        is_login_event
    from base
    where quarantine_rule is null
)

select * from final
