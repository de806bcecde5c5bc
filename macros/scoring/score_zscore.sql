{#- 0-100 from a fitted z-score: 50 + z x 50 / clip_sd, clamped, where z =
    (value - mean) / sd after the fit's transform ('log': sign(x) x ln(1 +
    |x|)), and direction_sign (1, or -1 for lower_is_better) orients it. A
    fit that is not usable, a null value or a null fit gives null. -#}
{% macro score_zscore(value, transform, mean, sd, direction_sign, clip_sd, is_usable) -%}
    case when {{ is_usable }} then {{ clamp_score(
        '50 + 50 / (' ~ clip_sd ~ ') * (' ~ direction_sign ~ ') * ((case when '
        ~ transform ~ " = 'log' then " ~ signed_log(value) ~ ' else ' ~ value
        ~ ' end) - (' ~ mean ~ ')) / (' ~ sd ~ ')'
    ) }} end
{%- endmacro %}
