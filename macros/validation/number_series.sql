{#- One row per whole number from 1 to `count` (column n; count at most
    10,000): a portable series for thresholds and the like, made from a ten-row
    values list crossed four times. -#}
{% macro number_series(count) -%}
    select n
    from (
        select
            1 + digits_1.d + 10 * digits_10.d + 100 * digits_100.d
            + 1000 * digits_1000.d as n
        {%- for place in ['1', '10', '100', '1000'] %}
        {{ 'from' if loop.first else 'cross join' }} (
            values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)
        ) as digits_{{ place }} (d)
        {%- endfor %}
    ) as numbers
    where n <= {{ count }}
{%- endmacro %}
