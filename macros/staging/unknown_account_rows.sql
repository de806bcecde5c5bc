{#- The staged rows whose account is not among `accounts` (a relation or CTE
    with account_id): stage 'referential', rule unknown_account, in the columns
    of fct_quarantined_rows, the staged row as JSON text with e-mails and names
    masked (docs/DEFINITIONS.md 7). Written once for the mart and
    int_product_tracks_quarantined. `source_table`, `extra` and `where` as in
    staging_reject_rows. -#}
{% macro unknown_account_rows(relation, key, accounts, source_table=none, extra=[], where=none) %}
    select
        {%- if source_table %}
        '{{ source_table }}' as source_table,
        {%- endif %}
        {{ dbt.safe_cast('staged.' ~ key, dbt.type_string()) }} as record_key,
        staged.account_id,
        'unknown_account' as quarantine_rule,
        'referential' as quarantine_stage,
        {{ mask_personal_data(json_text(row_struct('staged'))) }} as raw_record
        {%- for column in extra %},
        staged.{{ column }}
        {%- endfor %}
    from {{ relation }} as staged
    left join {{ accounts }} as known
        on staged.account_id = known.account_id
    where known.account_id is null{% if where %} and {{ where }}{% endif %}
{% endmacro %}
