{#- 0-100: a sub-metric's score by the method its scoring row names. Expects
    the columns method, raw_value, trend_value (the trend metric's value),
    target, range_min, range_max and trend_factor; `config_set` and `submetric` are SQL expressions
    naming the row's bands in `bands`; `population_score` is the expression of
    the row's score for the methods that compare the account with others
    (percentile_in_segment, zscore, percentile), which the caller computes
    over those rows alone (a window over every row would sort them all). The
    one dispatch the warehouse and the flat export score through. An unknown
    method gives null (the seed tests reject it first). -#}
{% macro score_submetric(bands, config_set, submetric, population_score) -%}
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
                'trend_value', 'trend_factor'
            ) }}
        when 'percentile_in_segment' then {{ population_score }}
        when 'zscore' then {{ population_score }}
        when 'percentile' then {{ population_score }}
    end
{%- endmacro %}
