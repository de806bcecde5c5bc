{#-
    Registers every source table that has `meta.raw_file` (a path under the var
    raw_path) or `meta.raw_file_var` (a var naming the file, as the flat export's
    flat_export_file) as a relation in the warehouse, before any model runs
    (on-run-start hook). A var that names no file stops the run (unless the
    source has `meta.raw_file_optional`); a var set to '' registers the source
    empty.

    For `<raw_path>/<raw_file>` (or the var's file, extension optional) it looks
    for, in order: `.parquet`, a folder of
    `*.parquet` parts, `.csv`, `.csv.gz`, a folder of `*.csv` files. Parquet keeps its types; CSV is read as text
    and staging casts it, so a bad value becomes a quarantined row, not a failed run.
    A file that lacks a contract column stops the run with a message naming the file
    and the column; a zero-byte file stops it naming the file; a column with `meta.optional` may be absent and reads as null. An absent file gives an empty table with the contract's columns
    and types, so a company without (say) a support tool still builds; but a
    table the previous run read rows from that is absent or holds no row now
    stops the run, as a failed export (check_raw_tables_still_exported; not on
    Spark), until it is exported again or a --full-refresh run; so does a table
    whose latest load is older than its freshness error_after at the end of the
    as-of day, a stalled export (check_raw_tables_loaded_up_to_as_of). A
    raw_path with no files under it at all stops a run that builds a model
    reading a raw_path source, before any relation is replaced, unless the var
    allow_empty_raw_path is true (the flat-export scorer, which reads no raw
    system); a run of the seeds and their checks alone needs no raw data.
    Every check runs before any relation is switched, so a failed check leaves
    the previous run's raw relations in place. A join key typed differently in
    two raw files (an account_id exported as a number in one) is the data test
    assert_raw_join_keys_have_one_type's to warn of, from the relations made
    here: a view for each file, an empty table for an absent one.
    `dbt compile` and `dbt docs generate` query no raw data, so they register
    nothing (they work on a fresh clone before any raw data exists).
-#}
{% macro register_raw_sources() %}
    {% if flags.WHICH in ('compile', 'generate') %}{{ return('select 1') }}{% endif %}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{% endmacro %}

{% macro default__register_raw_sources() %}
    {{ exceptions.raise_compiler_error(
        "register_raw_sources has no implementation for adapter '"
        ~ adapter.type() ~ "'. Add a " ~ adapter.type()
        ~ "__register_raw_sources macro in macros/raw/.") }}
{% endmacro %}

{% macro duckdb__register_raw_sources() %}
    {% if not execute %}{{ return('select 1') }}{% endif %}
    {% set raw_path = var('raw_path') | replace('\\', '/') %}
    {% do check_raw_path_has_files(raw_path, raw_file_count(raw_path ~ '/**') > 0) %}
    {#- first every check, then every switch: a failed check leaves each raw
        relation of the previous run in place -#}
    {% set plan = [] %}
    {% set files = [] %}
    {% set exported = {} %}
    {% set raw_path_sources = {} %}
    {% for node in graph.sources.values()
        if (node.meta.get('raw_file') or node.meta.get('raw_file_var'))
        and node.package_name == project_name %}
        {% set name = node.source_name ~ '.' ~ node.name %}
        {% if node.meta.get('raw_file_var') %}
            {% set base = raw_file_base(var(node.meta['raw_file_var'], '')) %}
        {% else %}
            {% set base = raw_path ~ '/' ~ node.meta['raw_file'] %}
            {% do exported.update({name: base}) %}
            {% do raw_path_sources.update({name: node}) %}
        {% endif %}
        {% set pattern = raw_file_pattern(base) if base else none %}
        {% set reader = raw_reader_call(pattern) if pattern else none %}
        {% do check_raw_file_found(node, base, reader) %}
        {% set present = [] %}
        {% if reader %}
            {% set empty_files = run_query(
                "select filename from read_blob([" ~ text_literal(base ~ '.*') ~ ", "
                ~ text_literal(base ~ '/*') ~ "]) where size = 0 order by filename").columns[0].values() %}
            {% do check_raw_files_not_empty(name, empty_files) %}
            {% do files.append([pattern, name, node.loaded_at_field]) %}
            {% set present = raw_file_columns(
                node, base, 'describe select * from ' ~ reader) %}
        {% endif %}
        {% do plan.append(raw_relation_plan(node, name, reader, present)) %}
    {% endfor %}
    {% set verified = verify_raw_files(files) %}
    {% do check_raw_tables_still_exported(exported, verified) %}
    {% do check_raw_tables_loaded_up_to_as_of(raw_path_sources, verified) %}
    {% do record_verified_raw_files(verified) %}
    {% do switch_raw_relations(raw_path, plan) %}
    {{ return('select 1') }}
{% endmacro %}

{#- Once every check has passed: each planned relation replaces what the
    previous run registered under its name (raw_relation_plan). -#}
{% macro switch_raw_relations(raw_path, plan) %}
    {% set log_lines = [] %}
    {% for node, kind, select_sql, log_line in plan %}
        {% do run_query('create schema if not exists ' ~ node.schema) %}
        {% do drop_raw_relation(node.schema, node.identifier) %}
        {% do run_query('create ' ~ kind ~ ' ' ~ node.schema ~ '.'
            ~ node.identifier ~ ' as ' ~ select_sql) %}
        {% do log_lines.append(log_line) %}
    {% endfor %}
    {% do log('raw sources registered from ' ~ raw_path ~ ':\n  ' ~ log_lines | join('\n  '), info=false) %}
{% endmacro %}

{#- A raw_path with no files under it would register every system empty
    and empty the marts: when the run builds a model that reads a raw_path
    source, stop before any relation is replaced (unless var
    allow_empty_raw_path). -#}
{% macro check_raw_path_has_files(raw_path, has_files) %}
    {% if run_builds_from_raw_path() and not var('allow_empty_raw_path') and not has_files %}
        {{ exceptions.raise_compiler_error(
            "var raw_path: no files under '" ~ raw_path ~ "' (a missing folder or"
            ~ " a typo?). Nothing in the warehouse was changed. Give the folder"
            ~ " that holds <system>/<table>.parquet|csv, as an absolute path or"
            ~ " relative to the project directory.") }}
    {% endif %}
{% endmacro %}

{#- Whether the run builds a node that reads a raw_path source (a run of the
    seeds and their checks alone does not). -#}
{% macro run_builds_from_raw_path() %}
    {% for id in selected_resources if id in graph.nodes %}
        {% for parent in graph.nodes[id].depends_on.nodes
            if parent in graph.sources
            and graph.sources[parent].meta.get('raw_file') %}
            {{ return(true) }}
        {% endfor %}
    {% endfor %}
    {{ return(false) }}
{% endmacro %}

{#- A source read from the file a var names (meta.raw_file_var) stops the
    run when no file is there, unless it is optional or the var is ''. -#}
{% macro check_raw_file_found(node, base, found) %}
    {% if base and not found and node.meta.get('raw_file_var')
        and not node.meta.get('raw_file_optional') %}
        {{ exceptions.raise_compiler_error(
            "No file " ~ base ~ ".parquet|.csv|.csv.gz for source "
            ~ node.source_name ~ "." ~ node.name ~ " (var "
            ~ node.meta['raw_file_var'] ~ "; set it to '' to skip it)") }}
    {% endif %}
{% endmacro %}

{#- A zero-byte raw file (a failed export) stops the run naming it. -#}
{% macro check_raw_files_not_empty(name, empty_files) %}
    {% if empty_files | length > 0 %}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ empty_files[0] ~ " is empty (0 bytes), for source "
            ~ name ~ ": a failed export?"
            ~ " Export it again, or remove it to build the source as absent"
            ~ " (docs/RAW_CONTRACT.md)") }}
    {% endif %}
{% endmacro %}

{#- The columns of a raw file (lower case), from a describe statement whose
    first column is the name, checked against the contract
    (check_raw_columns). -#}
{% macro raw_file_columns(node, base, describe_sql) %}
    {% set present = run_query(describe_sql).columns[0].values() | map('lower') | list %}
    {% do check_raw_columns(node, base, present) %}
    {{ return(present) }}
{% endmacro %}

{#- Stops the run when a raw file lacks a column the raw contract requires
    (a column with meta.optional may be absent). present: the file's column
    names, lower case. -#}
{% macro check_raw_columns(node, base, present) %}
    {% set missing = [] %}
    {% for col in node.columns.values() if col.name | lower not in present
        and not col.meta.get('optional') %}
        {% do missing.append(col.name) %}
    {% endfor %}
    {% if missing %}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ base ~ ".* lacks column(s) " ~ missing | join(', ')
            ~ " required by the raw contract for source " ~ node.source_name
            ~ "." ~ node.name ~ " (docs/RAW_CONTRACT.md)") }}
    {% endif %}
{% endmacro %}

{#- What registration switches in for one source: [node, 'view', select over
    the reader, log line] for a file, [node, 'table', empty select, log line]
    for an absent one (assert_raw_join_keys_have_one_type tells the two apart
    by that). A column the file lacks (or every column of an absent file)
    reads as a typed null of its contract type. -#}
{% macro raw_relation_plan(node, name, reader, present) %}
    {% set cols = [] %}
    {% for col in node.columns.values() %}
        {% do cols.append(col.name if col.name | lower in present
            else 'cast(null as ' ~ raw_column_type(col.data_type) ~ ') as '
            ~ col.name) %}
    {% endfor %}
    {% if reader %}
        {{ return([node, 'view', 'select ' ~ cols | join(', ') ~ ' from ' ~ reader,
            name ~ ': ' ~ reader]) }}
    {% endif %}
    {{ return([node, 'table', 'select ' ~ cols | join(', ') ~ ' where false',
        name ~ ': absent, empty table']) }}
{% endmacro %}

{#- Spark: the same contract, read through Spark's file sources. Files are
    found in one listing of raw_path (binaryFile, names and sizes only) and
    of the flat export's folder; each raw file becomes an external table
    <schema>.<table>__raw_files (Parquet typed, CSV as text with its header)
    and the source a view over it. Not on Spark (README "Running on Spark"):
    the full read of new files (verify_raw_files), so a corrupt file stops
    the first model that reads it, and with it the registry of the files
    read, so a table the previous run read that is gone now registers empty
    (check_raw_tables_still_exported), and with it the latest load times, so a
    stalled export is not stopped (check_raw_tables_loaded_up_to_as_of); a
    raw_path folder that does not exist stops the run with Spark's own
    PATH_NOT_FOUND error naming it. -#}
{% macro spark__register_raw_sources() %}
    {% if not execute %}{{ return('select 1') }}{% endif %}
    {% set raw_path = var('raw_path') | replace('\\', '/') %}
    {% set raw_files = spark_raw_files(raw_path) %}
    {% do check_raw_path_has_files(raw_path, raw_files | length > 0) %}
    {% set plan = [] %}
    {% for node in graph.sources.values()
        if (node.meta.get('raw_file') or node.meta.get('raw_file_var'))
        and node.package_name == project_name %}
        {% set listed = raw_files %}
        {% if node.meta.get('raw_file_var') %}
            {% set base = raw_file_base(var(node.meta['raw_file_var'], '')) %}
            {#- only the files the base can name, not its whole folder -#}
            {% set listed = spark_raw_files(base,
                '{.parquet,.csv,.csv.gz,/*.parquet,/*.csv}') if base else [] %}
        {% else %}
            {% set base = raw_path ~ '/' ~ node.meta['raw_file'] %}
        {% endif %}
        {% set found = spark_raw_file_choice(base, listed) if base else none %}
        {% set name = node.source_name ~ '.' ~ node.name %}
        {% do check_raw_file_found(node, base, found) %}
        {% set present = [] %}
        {% set reader = none %}
        {% if found %}
            {% set location, file_format, files = found %}
            {% do check_raw_files_not_empty(name,
                files | selectattr(1, 'equalto', 0) | map(attribute=0) | list) %}
            {% set reader = node.schema ~ '.' ~ node.identifier ~ '__raw_files' %}
            {% do run_query('create schema if not exists ' ~ node.schema) %}
            {% do run_query('drop table if exists ' ~ reader) %}
            {% do run_query('create table ' ~ reader ~ ' using ' ~ file_format
                ~ ' options (path ' ~ text_literal(location)
                ~ ', pathGlobFilter ' ~ text_literal('*.' ~ file_format
                    ~ ('*' if file_format == 'csv' else ''))
                ~ (', header \'true\'' if file_format == 'csv' else '') ~ ')') %}
            {% set present = raw_file_columns(node, base, 'describe ' ~ reader) %}
        {% endif %}
        {% do plan.append(raw_relation_plan(node, name, reader, present)) %}
    {% endfor %}
    {% do switch_raw_relations(raw_path, plan) %}
    {{ return('select 1') }}
{% endmacro %}

{#- Spark: every file under a folder (or only those its glob suffix names,
    e.g. '{.csv,/*.csv}'), as [path, size, absolute path] with path written
    as the folder was given (Spark lists absolute file: URIs; a relative
    folder is under the driver's working directory). [] when the folder holds
    no file; a glob that names no file stops the run with PATH_NOT_FOUND. -#}
{% macro spark_raw_files(folder, glob='') %}
    {% set folder = folder.rstrip('/') %}
    {% set absolute = folder %}
    {% if not folder.startswith('/') and '://' not in folder %}
        {% set absolute = run_query(
            "select reflect('java.lang.System', 'getProperty', 'user.dir')"
        ).columns[0].values()[0] ~ '/' ~ folder %}
    {% endif %}
    {% do run_query('create or replace temporary view health_raw_listing'
        ~ ' using binaryFile options (path ' ~ text_literal(absolute ~ glob)
        ~ ', recursiveFileLookup \'true\')') %}
    {% set listed = run_query(
        'select path, length from health_raw_listing order by path') %}
    {% set files = [] %}
    {% for path, size in listed.rows %}
        {% set local = path[5:] if path.startswith('file:') else path %}
        {% set local = local[7:] if local.startswith('file://') else local %}
        {% do files.append([folder ~ local[absolute | length:], size, local]) %}
    {% endfor %}
    {{ return(files) }}
{% endmacro %}

{#- Spark: the first of <base>.parquet, <base>/*.parquet, <base>.csv,
    <base>.csv.gz, <base>/*.csv found in a listing (spark_raw_files), as
    [absolute location, format, [[path, size, absolute path], ...]], or none:
    a table's relative location would be read under the Spark warehouse. -#}
{% macro spark_raw_file_choice(base, files) %}
    {% for suffix, file_format in [['.parquet', 'parquet'], ['/*.parquet', 'parquet'],
        ['.csv', 'csv'], ['.csv.gz', 'csv'], ['/*.csv', 'csv']] %}
        {% set matched = [] %}
        {% for path, size, absolute in files %}
            {% if suffix.startswith('/*') %}
                {% if path.rsplit('/', 1)[0] == base and path.endswith(suffix[2:]) %}
                    {% do matched.append([path, size, absolute]) %}
                {% endif %}
            {% elif path == base ~ suffix %}
                {% do matched.append([path, size, absolute]) %}
            {% endif %}
        {% endfor %}
        {% if matched %}
            {% set absolute = matched[0][2] %}
            {{ return([absolute.rsplit('/', 1)[0] if suffix.startswith('/*') else absolute,
                file_format, matched]) }}
        {% endif %}
    {% endfor %}
    {{ return(none) }}
{% endmacro %}

{#- A file path named by a var, as the base raw_file_pattern expects: forward
    slashes, without a .parquet / .csv / .csv.gz extension; '' stays ''. -#}
{% macro raw_file_base(path) %}
    {% set base = path | string | trim | replace('\\', '/') %}
    {% for extension in ['.csv.gz', '.csv', '.parquet'] %}
        {% if base.endswith(extension) %}
            {{ return(base[:-(extension | length)]) }}
        {% endif %}
    {% endfor %}
    {{ return(base) }}
{% endmacro %}

{#- How many files match a glob pattern (quotes in it escaped). -#}
{% macro raw_file_count(pattern) %}
    {{ return(run_query(
        "select count(*) from glob(" ~ text_literal(pattern) ~ ")"
    ).columns[0].values()[0]) }}
{% endmacro %}

{#- The first of <base>.parquet, <base>/*.parquet, <base>.csv, <base>.csv.gz,
    <base>/*.csv that names a file, or none. -#}
{% macro raw_file_pattern(base) %}
    {% for suffix in ['.parquet', '/*.parquet', '.csv', '.csv.gz', '/*.csv'] %}
        {% if raw_file_count(base ~ suffix) > 0 %}
            {{ return(base ~ suffix) }}
        {% endif %}
    {% endfor %}
    {{ return(none) }}
{% endmacro %}

{#- The DuckDB table function that reads the files a pattern names: Parquet
    with its types, CSV as text; the parts of a folder by column name. -#}
{% macro raw_reader_call(pattern) %}
    {% set options = ', union_by_name = true' if '*' in pattern else '' %}
    {% if pattern.endswith('.parquet') %}
        {{ return('read_parquet(' ~ text_literal(pattern) ~ options ~ ')') }}
    {% endif %}
    {{ return('read_csv(' ~ text_literal(pattern)
        ~ ', header = true, all_varchar = true' ~ options ~ ')') }}
{% endmacro %}

{#- Drops what a previous run registered (a view or a table) under this name. -#}
{% macro drop_raw_relation(schema, identifier) %}
    {% do return(adapter.dispatch('drop_raw_relation')(schema, identifier)) %}
{% endmacro %}

{% macro spark__drop_raw_relation(schema, identifier) %}
    {% set views = run_query('show views in ' ~ schema ~ ' like ' ~ text_literal(identifier)) %}
    {% do run_query('drop ' ~ ('view' if views.rows | length > 0 else 'table')
        ~ ' if exists ' ~ schema ~ '.' ~ identifier) %}
{% endmacro %}

{% macro default__drop_raw_relation(schema, identifier) %}
    {% set found = run_query(
        "select table_type from information_schema.tables where table_schema = '"
        ~ schema ~ "' and table_name = '" ~ identifier ~ "'") %}
    {% for row in found.rows %}
        {% set kind = 'view' if row[0] == 'VIEW' else 'table' %}
        {% do run_query('drop ' ~ kind ~ ' ' ~ schema ~ '.' ~ identifier) %}
    {% endfor %}
{% endmacro %}
