{#- The version columns of a raw table re-exported row by row (select list
    items over a relation with the key, _loaded_at and raw_row):
      key_occurrence           1 for the version staging keeps (the latest
                               _loaded_at), 2.. for the others;
      has_conflicting_version  another row has the same key and _loaded_at
                               but different values.
    Rows tied on _loaded_at are ordered by their raw record as text, so the
    same files always keep the same row; a tie between different values is
    quarantined as conflicting_version_same_load_time (docs/DECISIONLOG.md 5),
    not kept at random. -#}
{% macro version_columns(key) -%}
    row_number() over (
        partition by {{ key }}
        order by _loaded_at desc, {{ json_text('raw_row') }}
    ) as key_occurrence,
    min({{ json_text('raw_row') }}) over (partition by {{ key }}, _loaded_at)
    != max({{ json_text('raw_row') }}) over (partition by {{ key }}, _loaded_at)
        as has_conflicting_version
{%- endmacro %}
