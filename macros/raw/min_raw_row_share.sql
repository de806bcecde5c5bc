{#- The share of the rows the previous run read from a raw table below which
    raw registration stops the run as a partial export (seed
    incremental_settings, column min_raw_row_share; check_raw_tables_still_exported).
    Read from the seed's CSV file, not from the warehouse: registration runs
    before dbt loads the seeds, and an edit made for today's run applies to it.
    A file without the column, or a value that is not a share between 0 and 1,
    stops the run naming the file, row and column. -#}
{% macro min_raw_row_share() %}
    {% set seed = graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('name', 'equalto', 'incremental_settings') | first %}
    {% set path = seed.root_path ~ '/' ~ seed.original_file_path %}
    {% set rows = run_query('select * from read_csv(' ~ text_literal(path)
        ~ ', header = true, all_varchar = true)') %}
    {% set written = rows.columns['min_raw_row_share'].values()
        if 'min_raw_row_share' in rows.column_names else [] %}
    {% set share = none %}
    {% if written | length == 1 and written[0] is not none %}
        {% set share = run_query('select try_cast(' ~ text_literal(written[0])
            ~ ' as double)').rows[0][0] %}
    {% endif %}
    {% if share is none or share < 0 or share > 1 %}
        {{ exceptions.raise_compiler_error(
            'seed check: incremental_settings row 1: min_raw_row_share must be a'
            ~ ' share between 0 and 1 (' ~ seed.original_file_path ~ ' holds '
            ~ (written | map('string') | join(', ') if written else 'no such value') ~ ')') }}
    {% endif %}
    {{ return(share) }}
{% endmacro %}
