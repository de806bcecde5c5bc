{{ config(severity='warn') }}
{#- Warns, one line per join key (raw_key_columns), when the raw files hold
    it with different types: "raw join keys typed differently across raw
    files: account_id is BIGINT in product.tracks and VARCHAR in
    billing.invoices, crm.accounts, ...". Staging compares keys as text, so an
    export that writes 127 for ACC-000127 matches no row: its rows are kept
    aside as of an unknown account, and past the quarantine limits
    (quarantine_shares_within_limit) the build warns or fails on that share;
    this test names the cause. The types are those of the relations raw
    registration made: a view over each raw file (Parquet typed, CSV as text),
    the columns a file lacks as typed nulls of the contract. An absent file,
    registered as an empty table of the contract's types, says nothing of the
    exports and is left out. As a test the warning counts in dbt's WARN=
    summary and run_results.json, on DuckDB and Spark (docs/RAW_CONTRACT.md,
    "Keys"). -#}
{%- for source_table, name, key, has_account in staged_entities() %}
-- depends_on: {{ ref('base_' ~ name) }}
{%- endfor %}
{%- set key_types = {} %}
{%- if execute %}
    {%- for source_table, name, key, has_account in staged_entities() %}
        {%- set node = raw_source_node(source_table) %}
        {%- set relation = adapter.get_relation(node.database, node.schema,
            node.identifier) if node else none %}
        {%- if relation is not none and relation.is_view %}
            {%- for column in adapter.get_columns_in_relation(relation)
                if column.name | lower in raw_key_columns() %}
                {%- do key_types.setdefault(column.name | lower, {}).setdefault(
                    column.dtype, []).append(source_table) %}
            {%- endfor %}
        {%- endif %}
    {%- endfor %}
{%- endif %}
{%- set lines = [] %}
{%- for column in key_types | sort if key_types[column] | length > 1 %}
    {%- set by_type = [] %}
    {%- for type_name, tables in key_types[column].items() %}
        {%- do by_type.append([tables | length, type_name, tables | sort | join(', ')]) %}
    {%- endfor %}
    {%- set described = [] %}
    {#- the type the fewest tables have first: usually the odd export -#}
    {%- for count, type_name, tables in by_type | sort %}
        {%- do described.append(type_name ~ ' in ' ~ tables) %}
    {%- endfor %}
    {%- do lines.append(column ~ ' is ' ~ described | join(' and ')
        ~ ': staging compares it as text, so an export that writes 127 for'
        ~ ' ACC-000127 matches no row; check the exports (rows of an unknown key'
        ~ ' are kept aside, counted in marts.rpt_quarantine_shares)') %}
{%- endfor %}
{{ report_violations(violations_listed(lines), 'raw join keys typed differently across raw files') }}
