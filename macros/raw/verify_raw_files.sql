{#- Reads every value of each raw file the patterns name that is new, or
    changed in size or modified time, since it last read cleanly, so a corrupt
    or truncated export stops the run at raw registration, naming the file,
    before any relation is replaced (instead of failing a staging model late
    with the data-quality marts skipped). Each file read counts its rows.
    Nothing is written here: record_verified_raw_files lists the files once
    every check has passed (check_raw_tables_still_exported reads the list of
    the previous run first), and a listed file is not read again while it is
    unchanged, so a daily run reads only the exports that changed. The same
    read finds the file's latest load time (the source's loaded_at_field,
    check_raw_tables_loaded_up_to_as_of). A file listed before the registry
    held these is read once more.
    sources: [pattern, source name, loaded_at_field or none] per registered
    raw file. Returns every file the patterns name, as [filename, source name,
    rows, loaded through, read]: its rows and latest load time found now when
    read is true, else as listed. -#}
{% macro verify_raw_files(sources) %}
    {% do run_query(
        'create schema if not exists raw_registry;'
        ~ ' create table if not exists raw_registry.verified_raw_files'
        ~ ' (filename varchar, size bigint, last_modified timestamp with time zone,'
        ~ ' source_name varchar, row_count bigint, loaded_through timestamp);'
        ~ ' alter table raw_registry.verified_raw_files'
        ~ ' add column if not exists source_name varchar;'
        ~ ' alter table raw_registry.verified_raw_files'
        ~ ' add column if not exists row_count bigint;'
        ~ ' alter table raw_registry.verified_raw_files'
        ~ ' add column if not exists loaded_through timestamp') %}
    {% if not sources %}{{ return([]) }}{% endif %}
    {% set listed = [] %}
    {% set loaded_at_fields = {} %}
    {% for pattern, source_name, loaded_at_field in sources %}
        {% do loaded_at_fields.update({source_name: loaded_at_field}) %}
        {% do listed.append('select filename, size, last_modified, '
            ~ text_literal(source_name) ~ ' as source_name from read_blob('
            ~ text_literal(pattern) ~ ')') %}
    {% endfor %}
    {% set found = run_query(
        'select listed.filename, listed.source_name, verified.row_count,'
        ~ ' verified.loaded_through from ('
        ~ listed | join(' union all ') ~ ') as listed'
        ~ ' left join raw_registry.verified_raw_files as verified'
        ~ ' on listed.filename = verified.filename and listed.size = verified.size'
        ~ ' and listed.last_modified = verified.last_modified'
        ~ ' order by listed.filename'
    ) %}
    {% set files = [] %}
    {% for filename, source_name, listed_rows, listed_through in found.rows %}
        {% set loaded_at_field = loaded_at_fields[source_name] %}
        {% if listed_rows is none or (loaded_at_field and listed_through is none) %}
            {#- no Jinja try: the line before a DuckDB error names the file -#}
            {% do log('raw file check: reading ' ~ filename ~ ' (' ~ source_name
                ~ ') in full, new or changed; if the run stops here with a'
                ~ ' read error, the file is corrupt: export it again', info=true) %}
            {% set counted = run_query('select count(*), '
                ~ ('max(try_cast(' ~ loaded_at_field ~ ' as timestamp))'
                    if loaded_at_field else 'null')
                ~ ', bit_xor(hash(columns(*))) from ' ~ raw_reader_call(filename)) %}
            {% do files.append([filename, source_name, counted.rows[0][0] | int,
                counted.rows[0][1], true]) %}
        {% else %}
            {% do files.append([filename, source_name, listed_rows | int,
                listed_through, false]) %}
        {% endif %}
    {% endfor %}
    {{ return(files) }}
{% endmacro %}

{#- The files this run read (verify_raw_files) replace their earlier rows in
    raw_registry.verified_raw_files, with their source, row count and latest
    load time, and the files no pattern names any more leave it: the registry
    then lists what this run registered, which the next run's
    check_raw_tables_still_exported compares with. files: verify_raw_files'
    result. -#}
{% macro record_verified_raw_files(files) %}
    {% set statements = [] %}
    {% for filename, source_name, rows, loaded_through, read in files if read %}
        {% do statements.append(
            'delete from raw_registry.verified_raw_files where filename = '
            ~ text_literal(filename)) %}
        {% do statements.append(
            'insert into raw_registry.verified_raw_files'
            ~ ' select filename, size, last_modified, ' ~ text_literal(source_name)
            ~ ', ' ~ rows ~ ', cast(' ~ (text_literal(loaded_through | string)
                if loaded_through is not none else 'null') ~ ' as timestamp)'
            ~ ' from read_blob(' ~ text_literal(filename) ~ ')') %}
    {% endfor %}
    {% set names = [] %}
    {% for file in files %}
        {% do names.append(text_literal(file[0])) %}
    {% endfor %}
    {% do statements.append(
        'delete from raw_registry.verified_raw_files'
        ~ (' where filename not in (' ~ names | join(', ') ~ ')' if names else '')) %}
    {% do run_query(statements | join(';\n')) %}
{% endmacro %}
