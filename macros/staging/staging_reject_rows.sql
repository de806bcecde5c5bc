{#- The rows a base model quarantines (stage 'staging'), in the columns of
    fct_quarantined_rows: the key as text, the account, the rule, the stage and
    the raw row as JSON text with e-mails and names masked
    (docs/DEFINITIONS.md 7). Written once for the mart and
    int_product_tracks_quarantined. `source_table`, when given, comes first;
    `extra` columns of the read rows come last; `where` narrows the rows read. -#}
{% macro staging_reject_rows(relation, key, has_account, source_table=none, extra=[], where=none) %}
    select
        {%- if source_table %}
        '{{ source_table }}' as source_table,
        {%- endif %}
        {{ dbt.safe_cast(key, dbt.type_string()) }} as record_key,
        {{ 'account_id' if has_account or key == 'account_id'
            else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
            as account_id,
        quarantine_rule,
        'staging' as quarantine_stage,
        {{ mask_personal_data(json_text('raw_row')) }} as raw_record
        {%- for column in extra %},
        {{ column }}
        {%- endfor %}
    from {{ relation }}
    where quarantine_rule is not null{% if where %} and {{ where }}{% endif %}
{% endmacro %}
