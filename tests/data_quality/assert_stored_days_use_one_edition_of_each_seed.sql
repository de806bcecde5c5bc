{{ config(severity='warn') }}
{#- Warns, one line per seed, when a seed the incremental day-grain models read
    was edited since the last full refresh (fct_seed_checksums holds another
    checksum of it than run 1's), printing "seeds edited since the stored days
    were computed: seeds/<folder>/<seed>.csv changed in run N of
    fct_seed_checksums (as of <day>) ...". A daily run computes the days it
    recomputes with the edit and keeps the older ones as they were computed, so
    the history mixes two editions (a signal's threshold, a cool-down, an
    escalation step, a value limit) until dbt build --full-refresh
    (docs/DEFINITIONS.md 6). Left out: the seeds the score version hashes
    (int_score_versions), which assert_score_history_has_one_score_version
    warns about from the scores themselves, and seeds whose meta says
    edit_needs_full_refresh: false. -#}
{%- set score_version_seeds = seeds_upstream_of(
    ['model.' ~ project_name ~ '.int_score_versions']) | map(attribute='name') | list %}
{%- set watched = [] %}
{%- for node in graph.nodes.values() if node.resource_type == 'seed'
    and node.name not in score_version_seeds
    and (node.config.meta or {}).get('edit_needs_full_refresh', true) %}
    {%- do watched.append(node.name) %}
{%- endfor %}
{% set violations %}
    with first_edits as (
        select
            edited.seed_path,
            min(edited.run_number) as run_number
        from {{ ref('fct_seed_checksums') }} as edited
        inner join {{ ref('fct_seed_checksums') }} as first_run
            on
                edited.seed_name = first_run.seed_name
                and first_run.run_number = 1
        where
            edited.seed_checksum != first_run.seed_checksum
            and {{ text_in('edited.seed_name', watched | sort) }}
        group by edited.seed_path
    ),

    runs as (
        select distinct
            run_number,
            as_of_date
        from {{ ref('fct_seed_checksums') }}
    )

    select
        first_edits.seed_path || ' changed in run '
        || cast(first_edits.run_number as {{ dbt.type_string() }})
        || ' of fct_seed_checksums (as of '
        || cast(runs.as_of_date as {{ dbt.type_string() }})
        || '): the days stored before that run keep the earlier edition until'
        || ' dbt build --full-refresh' as violation
    from first_edits
    inner join runs
        on first_edits.run_number = runs.run_number
{% endset %}
{{ report_violations(violations, 'seeds edited since the stored days were computed') }}
