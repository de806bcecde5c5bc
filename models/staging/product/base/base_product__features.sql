{#-
    Every raw row of product.features, typed and normalised, with the first data-quality
    rule it breaks (null when usable) and the raw row as a struct.
    stg_product__features keeps the usable rows; fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('product', 'features') }} as src
),

typed as (
    select
        {{ typed('event_name', 'string') }} as event_name,
        {{ typed('feature_name', 'string') }} as feature_name,
        lower(trim(feature_class)) as feature_class,
        {{ typed('is_login_event', 'boolean') }} as is_login_event,
        raw_row
    from source
),

ranked as (
    select
        *,
        row_number() over (
            partition by event_name
            order by feature_name
        ) as key_occurrence
    from typed
),

checked as (
    select
        *,
        {{ quarantine_rule([
            ['event_name is null', 'missing_event_name'],
            [
                "feature_class not in ('core', 'expansion', 'advanced')",
                'unknown_feature_class',
            ],
            ['key_occurrence > 1', 'duplicate_event_name']
        ]) }} as quarantine_rule
    from ranked
)

select * from checked
