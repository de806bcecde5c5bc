{#- 0-100: the points of the band the value falls in. `bands` is a relation with
    columns config_set, submetric, lower_bound (inclusive; null = no limit),
    upper_bound (exclusive; null = no limit), points. Null value gives null; a
    value no band covers gives null (the seed tests forbid gaps). -#}
{% macro score_threshold_bands(value, bands, config_set, submetric) -%}
    (
        select max(bands.points)
        from {{ bands }} as bands
        where
            bands.config_set = {{ config_set }}
            and bands.submetric = {{ submetric }}
            and (bands.lower_bound is null or ({{ value }}) >= bands.lower_bound)
            and (bands.upper_bound is null or ({{ value }}) < bands.upper_bound)
    )
{%- endmacro %}
