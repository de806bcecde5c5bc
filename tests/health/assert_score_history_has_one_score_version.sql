{{ config(severity='warn') }}
{#- Warns when the stored score history holds the scores of more than one score
    version, printing "score history of several score versions:
    fct_health_scores_daily holds N score versions: the days up to <day> were
    scored by other scoring seeds than <version> (that of the latest day, from
    <day>) ...". A full build scores every day with the seeds in force, one
    version; a daily run after an edit of the scoring seeds (weights, methods,
    targets, bands, tiers, metric definitions, normalisation settings:
    int_score_versions) re-scores only the days it recomputes, so the history's
    trends, tier changes and alerts then compare two configurations until a
    --full-refresh (docs/DEFINITIONS.md 6). -#}
{% set violations %}
    with versions as (
        select
            score_version,
            min(date_day) as first_day,
            max(date_day) as last_day
        from {{ ref('fct_health_scores_daily') }}
        group by score_version
    ),

    latest as (
        select
            max(score_version) as score_version,
            max(first_day) as first_day
        from versions
        where last_day = (select max(all_versions.last_day) from versions as all_versions)
    ),

    summary as (
        select
            count(*) as versions,
            max(case
                when versions.score_version != latest.score_version
                    then versions.last_day
            end) as earlier_last_day
        from versions
        cross join latest
    )

    select
        'fct_health_scores_daily holds '
        || cast(summary.versions as {{ dbt.type_string() }})
        || ' score versions: the days up to '
        || cast(summary.earlier_last_day as {{ dbt.type_string() }})
        || ' were scored by other scoring seeds than ' || latest.score_version
        || ' (that of the latest day, from '
        || cast(latest.first_day as {{ dbt.type_string() }})
        || '), so trends, tier changes and alerts compare two configurations'
        || ' until dbt build --full-refresh re-scores the history' as violation
    from summary
    cross join latest
    where summary.versions > 1
{% endset %}
{{ report_violations(violations, 'score history of several score versions') }}
