{#- The raw rows of product.tracks typed to the contract (a select): the one
    typing base_product__tracks reads its rows with, with the message_id hash
    that finds repeated ids, whether a non-key cell does not parse
    (fct_unparsed_cells then needs the raw row) and the raw row. `where`: a
    predicate on the raw columns (alias src) keeping the rows to read, such as
    loaded_since_watermark's; none reads every row. -#}
{% macro tracks_typed(where=none) %}
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
        (src.event_value is not null and {{ typed('src.event_value', 'float') }} is null)
        or (src.received_at is not null and {{ typed('src.received_at', 'timestamp') }} is null)
        or (src._loaded_at is not null and {{ typed('src._loaded_at', 'timestamp') }} is null)
            as has_unparsed_cell,
        {{ row_struct('src') }} as raw_row
    from {{ source('product', 'tracks') }} as src
    {%- if where %}
    where {{ where }}
    {%- endif %}
{% endmacro %}
