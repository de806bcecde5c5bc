{#- The label of the band a value falls in, from a seed of bands (tiers, colours,
    velocity bands): `lower` inclusive, `upper` exclusive, null = no limit.
    Null value gives null. -#}
{% macro band_label(value, bands, label, lower, upper) -%}
    (
        select max(bands.{{ label }})
        from {{ bands }} as bands
        where {{ in_band(value, 'bands.' ~ lower, 'bands.' ~ upper) }}
    )
{%- endmacro %}
