{#- The cuts every executive table is given in: all accounts, each segment and
    each CSM's portfolio. Each is a name, the SQL of its value and of its label,
    over relations with segment, csm_owner_id and csm_name. -#}
{% macro kpi_dimensions() %}
    {{ return([
        {'name': 'total', 'value': "'all'", 'label': "'all accounts'"},
        {'name': 'segment', 'value': 'segment', 'label': 'segment'},
        {'name': 'csm', 'value': "coalesce(csm_owner_id, 'unassigned')",
            'label': "coalesce(csm_name, 'no CSM')"},
    ]) }}
{% endmacro %}
