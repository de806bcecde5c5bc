-- depends_on: {{ ref('metric_catalogue') }}
{#- Every row of seed metric_catalogue can be computed: each problem is one
    failing row "metric_catalogue row metric=<name>: <rule>" (the rules are in
    macro metric_catalogue_violations). -#}
{%- set violations = metric_catalogue_violations(metric_catalogue_rows()) %}
{{ report_seed_violations(violations_listed(violations)) }}
