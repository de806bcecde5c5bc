{#- A raw table the previous run read rows from, whose file is gone now or
    holds no row, is a failed or moved export, not a system the company
    stopped using: registered empty, a missing billing export would end every
    contract and churn every account in the days a daily run recomputes. One
    holding less than min_raw_row_share of those rows (seed
    incremental_settings) is a partial export, which does the same to the
    accounts it lost. So the run stops before any relation is replaced, one
    line per such table with the rows and file the previous run read
    (raw_registry.verified_raw_files, as record_verified_raw_files left it).
    A --full-refresh run takes the files as they are (a system removed on
    purpose, rows deleted on purpose). The tables of raw_path only: a file a
    var names (the flat export) is skipped on purpose by setting the var to
    ''. DuckDB only: the registry is written by verify_raw_files.
    exported: {source name: base path} of every raw_path source, absent ones
    included; files: verify_raw_files' result, each file found now with its
    rows. -#}
{% macro check_raw_tables_still_exported(exported, files) %}
    {% if flags.FULL_REFRESH or not exported %}{{ return(none) }}{% endif %}
    {% set share = min_raw_row_share() %}
    {% set rows_now = {} %}
    {% for filename, source_name, rows, loaded_through, read in files %}
        {% do rows_now.update({source_name: rows_now.get(source_name, 0) + rows}) %}
    {% endfor %}
    {% set names = [] %}
    {% for name in exported %}
        {% do names.append(text_literal(name)) %}
    {% endfor %}
    {% set previous = run_query(
        'select source_name, sum(row_count), min(filename)'
        ~ ' from raw_registry.verified_raw_files where source_name in ('
        ~ names | join(', ') ~ ') group by source_name'
        ~ ' having sum(row_count) > 0 order by source_name') %}
    {% set lines = [] %}
    {% for source_name, summed, filename in previous.rows %}
        {% set rows = summed | int %}
        {% set now = rows_now.get(source_name) %}
        {% if now is none %}
            {% set found = 'there is no ' ~ exported[source_name]
                ~ '.parquet|.csv|.csv.gz or folder of parts' %}
        {% elif now == 0 %}
            {% set found = 'its export holds no row' %}
        {% elif now < share * rows %}
            {% set found = 'it holds ' ~ now ~ ', less than min_raw_row_share ' ~ share
                ~ ' of them (seeds/pipeline/incremental_settings.csv)' %}
        {% else %}
            {% set found = none %}
        {% endif %}
        {% if found %}
            {% do lines.append(source_name ~ ': the previous run read ' ~ rows
                ~ ' rows from ' ~ filename ~ '; now ' ~ found) %}
        {% endif %}
    {% endfor %}
    {% if not lines %}{{ return(none) }}{% endif %}
    {{ exceptions.raise_compiler_error(
        "raw tables gone, empty or cut short (a failed or partial export?):\n  "
        ~ lines | join('\n  ')
        ~ "\nNothing in the warehouse was changed: read as they are, they would"
        ~ " empty their domain, or the accounts they lost, in the days this run"
        ~ " recomputes (a missing billing export churns every account). Export"
        ~ " them again; if a system is gone for good or the rows were removed on"
        ~ " purpose, run dbt build --full-refresh once (docs/RAW_CONTRACT.md).") }}
{% endmacro %}
