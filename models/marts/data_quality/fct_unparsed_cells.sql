{#-
    One row per raw cell that holds a value its contract type cannot read (grain:
    source_table, record_key, column_name, raw_value): `mrr = 'abc'`,
    `solved_at = '31/12/2025 10:00'`, `seats = 'ten'`. Staging reads such a cell as
    null; row_outcome says what became of the row: 'kept aside' when a rule on that
    column (or another) quarantined it (fct_quarantined_rows), 'kept, cell read as
    null' otherwise, so no cell is nulled without a row here. The per-column rules
    are in docs/RAW_CONTRACT.md. A raw file whose column already has the contract
    type (Parquet written with types) has nothing to check there. Reads the raw
    record (raw_row) the base models keep; record_key is the raw table's first
    column (its key).
-#}
{%- set casts = {'integer': 'int', 'bigint': 'int', 'double': 'float',
    'boolean': 'boolean', 'timestamp': 'timestamp', 'date': 'date'} %}
{%- set selects = [] %}
{%- for source_table, name, key, has_account in staged_entities() %}
    {%- set base = ref('base_' ~ name) %}
    {%- if execute %}
        {%- set source_name, table_name = source_table.split('.') %}
        {%- set node = graph.sources['source.' ~ project_name ~ '.'
            ~ source_name ~ '.' ~ table_name] %}
        {%- set columns = node.columns.values() | list %}
        {%- set raw_types = {} %}
        {%- for column in adapter.get_columns_in_relation(api.Relation.create(
            database=node.database, schema=node.schema,
            identifier=node.identifier)) %}
            {%- do raw_types.update({column.name | lower: column.dtype | lower}) %}
        {%- endfor %}
        {%- for column in columns
            if column.data_type | lower in casts
            and raw_types.get(column.name | lower) != column.data_type | lower %}
            {%- do selects.append({
                'source_table': source_table,
                'base': base,
                'key': 'raw_row.' ~ columns[0].name,
                'account': 'raw_row.account_id' if 'account_id' in node.columns
                    else none,
                'column': 'raw_row.' ~ column.name,
                'name': column.name,
                'type': column.data_type | lower,
                'typed': typed('raw_row.' ~ column.name, casts[column.data_type | lower]),
            }) %}
        {%- endfor %}
    {%- endif %}
{%- endfor %}

with unparsed as (
    {%- for check in selects %}
    select
        '{{ check.source_table }}' as source_table,
        cast({{ check.key }} as {{ dbt.type_string() }}) as record_key,
        {{ 'cast(' ~ check.account ~ ' as ' ~ dbt.type_string() ~ ')' if check.account
            else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as account_id,
        '{{ check.name }}' as column_name,
        '{{ check.type }}' as contract_type,
        cast({{ check.column }} as {{ dbt.type_string() }}) as raw_value
    from {{ check.base }}
    where
        {{ check.column }} is not null
        and trim(cast({{ check.column }} as {{ dbt.type_string() }})) != ''
        and {{ check.typed }} is null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as record_key,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as contract_type,
        cast(null as {{ dbt.type_string() }}) as raw_value
    where false
    {%- endfor %}
),

kept_aside as (
    select distinct
        source_table,
        record_key
    from {{ ref('fct_quarantined_rows') }}
    where quarantine_stage = 'staging'
),

final as (
    select
        unparsed.source_table,
        unparsed.record_key,
        unparsed.account_id,
        unparsed.column_name,
        unparsed.contract_type,
        unparsed.raw_value,
        case
            when kept_aside.record_key is not null then 'kept aside'
            else 'kept, cell read as null'
        end as row_outcome
    from unparsed
    left join kept_aside
        on
            unparsed.source_table = kept_aside.source_table
            and unparsed.record_key = kept_aside.record_key
)

select * from final
