{#- A raw table whose latest row was loaded long before the as-of day ended
    is an export that stalled, not customers who went quiet: scored as it is,
    a product export that stopped five days ago lowers every account's usage
    and opens usage alerts across the book (tiny fixtures: 60 open alerts started in
    those days against 33), with every test passing. So, for each raw_path
    table with a loaded_at_field, the latest load time of its files
    (verify_raw_files) is compared with the end of the as-of day, the clock
    of a replayable run, by the source's own freshness setting (the one
    `dbt source freshness` applies against the wall clock): older than
    error_after stops the run before any relation is replaced, one line per
    table. Past warn_after the run goes on: the data test
    assert_raw_tables_are_loaded_up_to_the_as_of_day warns of it once the base
    models are built, where it counts in dbt's WARN= summary. A table with no row, or a
    source with no freshness, is not checked. Only a run that builds a model
    reading raw_path checks (run_builds_from_raw_path): the seeds and their
    checks alone do not. DuckDB only, as verify_raw_files.
    sources: {source name: source node} of every raw_path source; files:
    verify_raw_files' result. -#}
{% macro check_raw_tables_loaded_up_to_as_of(sources, files) %}
    {% if not run_builds_from_raw_path() %}{{ return(none) }}{% endif %}
    {% set datetime = modules.datetime %}
    {% set as_of = var('as_of_date') | string %}
    {% set day_end = datetime.datetime.strptime(as_of, '%Y-%m-%d')
        + datetime.timedelta(days=1) %}
    {% set latest = {} %}
    {% for filename, source_name, rows, loaded_through, read in files
        if loaded_through is not none and source_name in sources %}
        {% set loaded = datetime.datetime.fromisoformat(loaded_through | string) %}
        {% if source_name not in latest or loaded > latest[source_name] %}
            {% do latest.update({source_name: loaded}) %}
        {% endif %}
    {% endfor %}
    {% set found = [] %}
    {% for source_name, loaded in latest | dictsort %}
        {% set node = sources[source_name] %}
        {% set limit = freshness_limit(node, 'error_after') %}
        {% set age = day_end - loaded %}
        {% if limit is not none and age > datetime.timedelta(seconds=limit[0]) %}
            {% do found.append(source_name ~ ': its latest row was loaded at '
                ~ loaded ~ ', ' ~ age.days ~ ' day' ~ ('s' if age.days != 1 else '')
                ~ ' ' ~ (age.seconds // 3600) ~ ' h before the as-of day ended;'
                ~ ' its freshness error_after is ' ~ limit[1]
                ~ ' (' ~ node.original_file_path ~ ')') %}
        {% endif %}
    {% endfor %}
    {% if found %}
        {{ exceptions.raise_compiler_error(
            "raw tables not loaded up to as_of_date " ~ as_of ~ " (a stalled export?):\n  "
            ~ found | join('\n  ')
            ~ "\nNothing in the warehouse was changed: scored as they are, the days"
            ~ " after their last load would read as accounts going quiet (usage"
            ~ " falls, alerts open). Export them again, or build as of the last day"
            ~ " they hold (--vars as_of_date); for a table loaded less often, raise"
            ~ " its freshness error_after (docs/RAW_CONTRACT.md).") }}
    {% endif %}
{% endmacro %}
