{#- The SQL of one sub-metric's 0-100 score in int_account_scores_daily, by
    the method of its scoring row (a dict of scoring_rows): the metric's column
    in `metrics`, the row's parameters as literals, the fitted methods reading
    the fit of the day (`fits`, `normalisation`) or the sub-metric's
    percentile CTE, and percentile_in_segment ranking the segment that day.
    direction_sign is 1, or -1 for a lower_is_better metric. -#}
{% macro wide_submetric_score(row, direction_sign) -%}
    {%- set value = 'metrics.' ~ row.submetric -%}
    {%- set method = row.method -%}
    {%- if method == 'linear_to_target' -%}
        {{ score_linear_to_target(value, row.target) }}
    {%- elif method == 'threshold_bands' -%}
        {{ score_threshold_bands(
            value, ref('scoring_bands'), text_literal(row.config_set),
            text_literal(row.submetric)
        ) }}
    {%- elif method == 'inverse' -%}
        {{ score_inverse(value, row.range_min, row.range_max) }}
    {%- elif method == 'range_rescale' -%}
        {{ score_range_rescale(value, row.range_min, row.range_max) }}
    {%- elif method == 'trend_adjusted' -%}
        {{ score_trend_adjusted(
            score_linear_to_target(value, row.target),
            'metrics.' ~ row.trend_metric, row.trend_factor
        ) }}
    {%- elif method == 'percentile_in_segment' -%}
        {{ score_percentile_in_segment(value, 'accounts.segment, metrics.date_day') }}
    {%- elif method == 'zscore' -%}
        {{ score_zscore(
            value,
            'fits.' ~ row.submetric ~ '__transform',
            'fits.' ~ row.submetric ~ '__mean',
            'fits.' ~ row.submetric ~ '__sd',
            direction_sign,
            'normalisation.zscore_clip_sd',
            'fits.' ~ row.submetric ~ '__is_usable'
        ) }}
    {%- elif method == 'percentile' -%}
        {{ row.submetric }}__percentile.population_score
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            'wide_submetric_score: unknown method ' ~ method ~ ' of sub-metric '
            ~ row.submetric) }}
    {%- endif -%}
{%- endmacro %}
