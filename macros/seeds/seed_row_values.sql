{#- The rows of a seed chunk as SQL: one parenthesised tuple per row, each
    value a literal cast to its column's type (null for an empty cell). Spark
    loads seeds with it (spark__load_csv_rows): dbt-spark's session mode
    pastes bound values into the statement unescaped, so a seed text holding
    an apostrophe (an account's) broke the insert and an empty cell became
    the text 'None'. -#}
{% macro seed_row_values(agate_table, rows, column_types) %}
    {%- set tuples = [] %}
    {%- for row in rows %}
        {%- set values = [] %}
        {%- for col_name in agate_table.column_names %}
            {%- set value = row[loop.index0] %}
            {%- set type = column_types.get(col_name,
                adapter.convert_type(agate_table, loop.index0)) %}
            {%- if value is none %}
                {%- do values.append('cast(null as ' ~ type ~ ')') %}
            {%- elif value is sameas true or value is sameas false %}
                {%- do values.append('cast(' ~ (value | string | lower) ~ ' as ' ~ type ~ ')') %}
            {%- else %}
                {%- do values.append('cast(' ~ text_literal(value) ~ ' as ' ~ type ~ ')') %}
            {%- endif %}
        {%- endfor %}
        {%- do tuples.append('(' ~ values | join(', ') ~ ')') %}
    {%- endfor %}
    {{ return(tuples | join(',\n')) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_types = model['config'].get('column_types', {}) %}
    {%- set statements = [] %}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) %}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {{ seed_row_values(agate_table, chunk, column_types) }}
        {%- endset %}
        {%- do adapter.add_query(sql, abridge_sql_log=True) %}
        {%- do statements.append(sql) %}
    {%- endfor %}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
