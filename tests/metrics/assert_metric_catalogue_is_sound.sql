-- depends_on: {{ ref('metric_catalogue') }}
{#- Every row of seed metric_catalogue can be computed: each problem is one
    failing row "metric_catalogue row metric=<name>: <rule>" (the rules are in
    macro metric_catalogue_violations). -#}
{%- set violations = metric_catalogue_violations(metric_catalogue_rows()) %}
{%- set query %}
    {%- for violation in violations %}
    select '{{ violation | replace("'", "''") }}' as violation
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select cast(null as {{ dbt.type_string() }}) as violation
    where false
    {%- endfor %}
{%- endset %}
{{ report_seed_violations(query) }}
