{#- dbt-spark runs dbt Python models only on a Databricks cluster (the
    profile's `cluster`): elsewhere (session or thrift mode) they would fail
    after everything before them was built. A build or
    run on such a target that selects a Python model therefore stops first
    (on-run-start), naming the models and the two ways round it: the project's
    own Spark build, which runs them as their own step, or leaving them and
    what reads them out (README "Running on Spark"). -#}
{% macro check_python_models_supported() %}
    {% if execute and flags.WHICH in ('build', 'run')
        and target.type == 'spark' and not target.get('cluster') %}
        {% set python = [] %}
        {% for id in selected_resources if id in graph.nodes
            and graph.nodes[id].resource_type == 'model'
            and graph.nodes[id].language == 'python' %}
            {% do python.append(graph.nodes[id].name) %}
        {% endfor %}
        {% if python %}
            {{ exceptions.raise_compiler_error(
                "dbt-spark runs dbt Python models only on a Databricks cluster,"
                ~ " and this run selects " ~ python | sort | join(', ')
                ~ " on a Spark target with no `cluster`. Build with"
                ~ " `python -m health_harness.spark_build` (the same dbt"
                ~ " options), which runs them as their own step, or add"
                ~ " `--exclude " ~ python | sort | join('+ ')
                ~ "+` (README \"Running on Spark\"). No model was built.") }}
        {% endif %}
    {% endif %}
    {{ return('select 1') }}
{% endmacro %}
