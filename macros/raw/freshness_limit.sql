{#- One limit of a source's freshness block (level 'warn_after' or
    'error_after', as `dbt source freshness` reads them) as [seconds, text]:
    the limit in seconds and as written ("2 days", "12 hours"), or none when
    the source sets no such limit or sets it in a period other than minutes,
    hours or days. Read from the source node's config, where dbt 1.11 merges
    the source's and the table's blocks. The stop at raw registration
    (check_raw_tables_loaded_up_to_as_of) and the warning of the data test
    assert_raw_tables_are_loaded_up_to_the_as_of_day read their limits here. -#}
{% macro freshness_limit(source_node, level) %}
    {% set limit = (source_node.config.get('freshness') or {}).get(level) or {} %}
    {% set count, period = limit.get('count'), limit.get('period') %}
    {% set seconds_per = {'minute': 60, 'hour': 3600, 'day': 86400} %}
    {% if count is none or period not in seconds_per %}{{ return(none) }}{% endif %}
    {{ return([count * seconds_per[period], count ~ ' ' ~ period ~ ('s' if count != 1 else '')]) }}
{% endmacro %}
