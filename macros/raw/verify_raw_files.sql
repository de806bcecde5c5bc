{#- Reads every value of each raw file the patterns name that is new, or
    changed in size or modified time, since it last read cleanly, so a corrupt
    or truncated export stops the run at raw registration, naming the file,
    before any relation is replaced (instead of failing a staging model late
    with the data-quality marts skipped). A file that reads cleanly is recorded
    in raw_registry.verified_raw_files and not read again while it is
    unchanged, so a daily run reads only the exports that changed.
    sources: [pattern, source name] pairs, one per registered raw file. -#}
{% macro verify_raw_files(sources) %}
    {% if not sources %}{{ return(none) }}{% endif %}
    {% do run_query(
        'create schema if not exists raw_registry;'
        ~ ' create table if not exists raw_registry.verified_raw_files'
        ~ ' (filename varchar, size bigint, last_modified timestamp with time zone)') %}
    {% set listed = [] %}
    {% for pattern, source_name in sources %}
        {% do listed.append('select filename, size, last_modified, '
            ~ text_literal(source_name) ~ ' as source_name from read_blob('
            ~ text_literal(pattern) ~ ')') %}
    {% endfor %}
    {% set pending = run_query(
        'select listed.filename, listed.source_name from ('
        ~ listed | join(' union all ') ~ ') as listed'
        ~ ' left join raw_registry.verified_raw_files as verified'
        ~ ' on listed.filename = verified.filename and listed.size = verified.size'
        ~ ' and listed.last_modified = verified.last_modified'
        ~ ' where verified.filename is null order by listed.filename'
    ) %}
    {% for filename, source_name in pending.rows %}
        {#- no Jinja try: the line before a DuckDB error names the file -#}
        {% do log('raw file check: reading ' ~ filename ~ ' (' ~ source_name
            ~ ') in full, new or changed; if the run stops here with a'
            ~ ' read error, the file is corrupt: export it again', info=true) %}
        {% do run_query('select bit_xor(hash(columns(*))) from '
            ~ raw_reader_call(filename)) %}
        {% do run_query(
            'delete from raw_registry.verified_raw_files where filename = '
            ~ text_literal(filename) ~ ';'
            ~ ' insert into raw_registry.verified_raw_files'
            ~ ' select filename, size, last_modified from read_blob('
            ~ text_literal(filename) ~ ')') %}
    {% endfor %}
{% endmacro %}
