{#- Fails with one row per text column of a BI-facing model that holds an
    e-mail address or the full name ("first last") of a customer contact of
    stg_crm__contacts, with how many distinct values do and one of them. A
    contact whose name is also an employee's (stg_crm__users: the marts name
    CSMs) is not looked for.
    Columns tagged `meta: {pii: contact_name}` may hold contact names when var
    expose_contact_names is on, and are then checked for e-mails only.
    last_run_only (day-grain incremental models): only the rows the model's
    last run wrote (written_by_last_run), as their key tests; those rows are
    read once, into a materialized CTE, and each text column is taken from
    them (a filter that names restarted accounts reads every row, once per
    column before).
    docs/DEFINITIONS.md 7. -#}
{% test no_personal_data(model, last_run_only=false) %}
{%- set contacts = ref('stg_crm__contacts') %}
{%- set names_allowed = [] %}
{%- set text_columns = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.alias == model.identifier
        and node.schema == model.schema %}
        {%- for name, column in node.columns.items()
            if column.meta.get('pii') == 'contact_name' %}
            {%- do names_allowed.append(name | lower) %}
        {%- endfor %}
    {%- endfor %}
    {%- for column in adapter.get_columns_in_relation(model)
        if column.is_string() %}
        {%- do text_columns.append(column.name) %}
    {%- endfor %}
{%- endif %}
{%- set name_checked = text_columns if not var('expose_contact_names')
    else text_columns | reject('in', names_allowed) | list %}
{%- set rows_read = (written_by_last_run(model) if last_run_only else 'true') | trim %}

with
{%- if rows_read != 'true' and text_columns %}
model_rows as {{ materialized_cte() }} (
    select
        {%- for column in text_columns %}
        {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ model }}
    where {{ rows_read }}
),
{%- endif %}

texts as (
    {%- for column in text_columns %}
    select distinct
        '{{ column }}' as column_name,
        {{ adapter.quote(column) }} as text_value
    from {{ 'model_rows' if rows_read != 'true' else model }}
    where {{ adapter.quote(column) }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as text_value
    where false
    {%- endfor %}
),

emails as (
    select
        column_name,
        'an e-mail address' as finding,
        text_value
    from texts
    {#- the pattern needs an @: testing for one first spares the regular
        expression most values, which matters because the engine may test
        every row before the distinct (decision 45) #}
    where
        text_value like '%@%'
        and {{ regex_contains(
            'text_value', '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+[.][A-Za-z]'
        ) }}
),

employee_names as (
    select distinct full_name
    from {{ ref('stg_crm__users') }}
    where full_name is not null
),

contact_names as (
    select distinct
        contacts.last_name,
        contacts.first_name || ' ' || contacts.last_name as full_name
    from {{ contacts }} as contacts
    left join employee_names
        on contacts.first_name || ' ' || contacts.last_name = employee_names.full_name
    where
        length(contacts.first_name) > 1
        and length(contacts.last_name) > 1
        and employee_names.full_name is null
),

words as (
    select
        column_name,
        text_value,
        {{ text_words('text_value') }}
    from texts
    where column_name in (
        {%- for column in name_checked %}'{{ column }}'{{ ', ' if not loop.last }}{% else %}''{% endfor -%}
    )
),

names as (
    select distinct
        words.column_name,
        'a contact''s name' as finding,
        words.text_value
    from words
    inner join contact_names
        on words.word = contact_names.last_name
    where {{ dbt.position('contact_names.full_name', 'words.text_value') }} > 0
),

findings as (
    select * from emails
    union all
    select * from names
)

select
    column_name,
    finding,
    count(*) as distinct_values,
    min(text_value) as example
from findings
group by column_name, finding
{% endtest %}
