{#- 0-100: a sub-metric's score by the method its catalogue row names. Expects
    the columns method, raw_value, raw_value_30d_ago, target, range_min,
    range_max and trend_factor; `config_set` and `submetric` are SQL expressions
    naming the row's bands in `bands`; `percentile_score` is the expression of
    the row's score_percentile_in_segment, which the caller computes over the
    percentile_in_segment rows alone (a window over every row would sort them
    all). The one dispatch both config sets (account_daily, flat_export) score
    through. An unknown method gives null (the seed tests reject it first). -#}
{% macro score_submetric(bands, config_set, submetric, percentile_score) -%}
    case method
        when 'linear_to_target'
            then {{ score_linear_to_target('raw_value', 'target') }}
        when 'threshold_bands'
            then {{ score_threshold_bands(
                'raw_value', bands, config_set, submetric
            ) }}
        when 'inverse'
            then {{ score_inverse('raw_value', 'range_min', 'range_max') }}
        when 'range_rescale'
            then {{ score_range_rescale('raw_value', 'range_min', 'range_max') }}
        when 'trend_adjusted'
            then {{ score_trend_adjusted(
                score_linear_to_target('raw_value', 'target'),
                'raw_value', 'raw_value_30d_ago', 'trend_factor'
            ) }}
        when 'percentile_in_segment'
            then {{ percentile_score }}
    end
{%- endmacro %}
