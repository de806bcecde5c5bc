{#- mask_personal_data on hand-written raw records: returns each record whose
    masked text differs from the expected one. docs/DEFINITIONS.md 7. -#}
with records as (
    select
        '{"email":"Sara.Umeh.1071@deltaretail.example.com","score":9}'
            as raw_text,
        '{"email":"***@deltaretail.example.com","score":9}' as expected
    union all
    select
        '{"first_name":"Ann","last_name":"O''Neil","title":"CFO"}',
        '{"first_name":"***","last_name":"***","title":"CFO"}'
    union all
    select
        '{"full_name":"Hugo Nilsen","email":" hugo@vendor.io "}',
        '{"full_name":"***","email":" ***@vendor.io "}'
    union all
    select
        '{"account_name":"Delta Energy LLC","domain":"delta.example.com"}',
        '{"account_name":"Delta Energy LLC","domain":"delta.example.com"}'
),

masked as (
    select
        raw_text,
        expected,
        {{ mask_personal_data('raw_text') }} as masked_text
    from records
)

select *
from masked
where masked_text != expected
