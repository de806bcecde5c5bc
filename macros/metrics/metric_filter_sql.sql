{#- The SQL condition of a catalogue `filter` cell: clauses `column=value`
    or `column=value|value`, joined by `;`, all of which must hold (each
    value compared as text, so is_login_event=true works on a boolean).
    An empty filter gives true. Columns are checked against the source by
    metric_catalogue_violations before this is called. -#}
{% macro metric_filter_sql(filter) -%}
    {%- if not filter -%}
        true
    {%- else -%}
        {%- set clauses = [] -%}
        {%- for clause in filter.split(';') -%}
            {%- set parts = clause.split('=', 1) -%}
            {%- set values = [] -%}
            {%- for value in parts[1].split('|') -%}
                {%- do values.append(text_literal(value | trim)) -%}
            {%- endfor -%}
            {%- do clauses.append(
                'cast(' ~ parts[0] | trim ~ ' as ' ~ dbt.type_string() ~ ') in ('
                ~ values | join(', ') ~ ')'
            ) -%}
        {%- endfor -%}
        ({{ clauses | join(' and ') }})
    {%- endif -%}
{%- endmacro %}
