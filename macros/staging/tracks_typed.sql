{#- The raw rows of product.tracks typed to the contract (a select): the one
    typing that base_product__tracks and base_product__tracks_repeated share,
    with the message_id hash that finds repeated ids and the raw row. -#}
{% macro tracks_typed() %}
    select
        {{ typed('message_id', 'string') }} as message_id,
        {{ typed('user_id', 'string') }} as user_id,
        {{ typed('account_id', 'string') }} as account_id,
        {{ typed('event', 'string') }} as event_name,
        {{ typed('event_timestamp', 'timestamp') }} as occurred_at,
        {{ typed('event_value', 'float') }} as event_value,
        {{ typed('received_at', 'timestamp') }} as received_at,
        {{ typed('_loaded_at', 'timestamp') }} as _loaded_at,
        {{ fast_hash(typed('message_id', 'string')) }} as message_hash,
        {{ row_struct('src') }} as raw_row
    from {{ source('product', 'tracks') }} as src
{% endmacro %}
