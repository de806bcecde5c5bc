{#- The rows of `relation`, a re-exported raw table typed row by row (with
    the key, _loaded_at and raw_row), with their version columns:
      key_rows                 the rows with that key;
      key_occurrence           1 for the version staging keeps (the latest
                               _loaded_at), 2.. for the others;
      has_conflicting_version  another row has the same key and _loaded_at
                               but different values.
    Rows tied on _loaded_at are ordered by their raw record as text, so the
    same files always keep the same row; a tie between different values is
    quarantined as conflicting_version_same_load_time (docs/DECISIONLOG.md 5),
    not kept at random. Only the rows of a key with more than one row turn
    their raw record into text (the only ones it can order or tell apart): a
    key with one row is its own version. That is most rows, so only the
    others (and a null key's) go through the windows ranking the versions,
    each of which sorts every column it carries; the row counts are computed
    once (materialized_cte) for both parts (docs/DECISIONLOG.md 47). A
    model's `select *` over these rows carries `-- noqa: AM04`: sqlfluff
    cannot count the columns of a union of two `select *`. -#}
{% macro ranked_versions(relation, key) -%}
    {%- set record = 'case when key_rows > 1 then '
        ~ json_text('raw_row') ~ ' end' -%}
    with counted as {{ materialized_cte() }} (
        select
            *,
            count(*) over (partition by {{ key }}) as key_rows
        from {{ relation }}
    )

    select
        *,
        cast(1 as {{ dbt.type_bigint() }}) as key_occurrence,
        false as has_conflicting_version
    from counted
    where key_rows = 1 and {{ key }} is not null
    union all
    select
        *,
        row_number() over (
            partition by {{ key }}
            order by _loaded_at desc, {{ record }}
        ) as key_occurrence,
        coalesce(
            min({{ record }}) over (partition by {{ key }}, _loaded_at)
            != max({{ record }}) over (partition by {{ key }}, _loaded_at),
            false
        ) as has_conflicting_version
    from counted
    where key_rows > 1 or {{ key }} is null
{%- endmacro %}
