{#- The label of the band a value falls in, from a seed of bands (tiers, colours,
    velocity bands): `lower` inclusive, `upper` exclusive, null = no limit.
    Null value gives null. -#}
{% macro band_label(value, bands, label, lower, upper) -%}
    (
        select max(bands.{{ label }})
        from {{ bands }} as bands
        where
            (bands.{{ lower }} is null or ({{ value }}) >= bands.{{ lower }})
            and (bands.{{ upper }} is null or ({{ value }}) < bands.{{ upper }})
    )
{%- endmacro %}
