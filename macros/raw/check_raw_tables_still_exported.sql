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
    exported: [source name, base path] of every raw_path source, absent ones
    included; sources and read: as for verify_raw_files and its result. -#}
{% macro check_raw_tables_still_exported(exported, sources, read) %}
    {% if flags.FULL_REFRESH or not exported %}{{ return(none) }}{% endif %}
    {% set share = min_raw_row_share() %}
    {% set bases = {} %}
    {% for name, base in exported %}
        {% do bases.update({name: base}) %}
    {% endfor %}
    {% set lost_sql %}
        with previous as (
            select
                source_name,
                sum(row_count) as row_count,
                min(filename) as filename
            from raw_registry.verified_raw_files
            where source_name in (
                {%- for name in bases %}{{ text_literal(name) }}{{ ', ' if not loop.last }}{% endfor -%}
            )
            group by source_name
        ),

        read_now as (
            select
                cast(null as varchar) as filename,
                cast(null as bigint) as row_count
            where false
            {%- for filename, source_name, rows in read %}
            union all
            select {{ text_literal(filename) }}, {{ rows }}
            {%- endfor %}
        ),

        now as (
            {%- if sources %}
            select
                listed.source_name,
                sum(coalesce(read_now.row_count, verified.row_count)) as row_count
            from ({{ raw_files_listed_sql(sources) }}) as listed
            left join read_now
                on listed.filename = read_now.filename
            left join raw_registry.verified_raw_files as verified
                on
                    listed.filename = verified.filename
                    and listed.size = verified.size
                    and listed.last_modified = verified.last_modified
            group by listed.source_name
            {%- else %}
            select
                cast(null as varchar) as source_name,
                cast(null as bigint) as row_count
            where false
            {%- endif %}
        )

        select
            previous.source_name,
            previous.row_count,
            previous.filename,
            now.source_name is not null as has_file,
            coalesce(now.row_count, 0) as rows_now
        from previous
        left join now
            on previous.source_name = now.source_name
        where
            previous.row_count > 0
            and (
                coalesce(now.row_count, 0) = 0
                or now.row_count < {{ share }} * previous.row_count
            )
        order by previous.source_name
    {% endset %}
    {% set lost = run_query(lost_sql) %}
    {% if lost.rows | length == 0 %}{{ return(none) }}{% endif %}
    {% set lines = [] %}
    {% for source_name, rows, filename, has_file, rows_now in lost.rows %}
        {% do lines.append(source_name ~ ': the previous run read ' ~ rows
            ~ ' rows from ' ~ filename ~ '; now '
            ~ ('there is no ' ~ bases[source_name] ~ '.parquet|.csv|.csv.gz or folder of parts'
                if not has_file else 'its export holds no row' if rows_now == 0
                else 'it holds ' ~ rows_now ~ ', less than min_raw_row_share ' ~ share
                ~ ' of them (seeds/pipeline/incremental_settings.csv)')) %}
    {% endfor %}
    {{ exceptions.raise_compiler_error(
        "raw tables gone, empty or cut short (a failed or partial export?):\n  "
        ~ lines | join('\n  ')
        ~ "\nNothing in the warehouse was changed: read as they are, they would"
        ~ " empty their domain, or the accounts they lost, in the days this run"
        ~ " recomputes (a missing billing export churns every account). Export"
        ~ " them again; if a system is gone for good or the rows were removed on"
        ~ " purpose, run dbt build --full-refresh once (docs/RAW_CONTRACT.md).") }}
{% endmacro %}
