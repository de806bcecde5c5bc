{#- A sub-metric's raw value in words, from its catalogue row: `template` with
    {value} replaced by the value written as `value_format` (count, decimal,
    percent, signed_percent, nps) and {nps_class} by promoter (9-10), passive
    (7-8) or detractor (0-6); a flag template 'when 1|when 0' gives one half.
    Null value gives null. -#}
{% macro driver_text(template, value_format, value) -%}
    {%- set string = dbt.type_string() -%}
    {%- set whole -%}
        cast(cast(round({{ value }}, 0) as bigint) as {{ string }})
    {%- endset -%}
    {%- set percent -%}
        cast(cast(round(100 * ({{ value }}), 0) as bigint) as {{ string }}) || '%'
    {%- endset -%}
    case
        when ({{ value }}) is null then null
        when {{ value_format }} = 'flag' then
            case when ({{ value }}) >= 0.5
                then {{ dbt.split_part(template, "'|'", 1) }}
                else {{ dbt.split_part(template, "'|'", 2) }}
            end
        else replace(
            replace(
                {{ template }},
                '{value}',
                case {{ value_format }}
                    when 'decimal' then cast(
                        cast(round({{ value }}, 1) as decimal(18, 1))
                        as {{ string }}
                    )
                    when 'percent' then {{ percent }}
                    when 'signed_percent' then
                        case when round(100 * ({{ value }}), 0) > 0 then '+' else '' end
                        || {{ percent }}
                    else {{ whole }}
                end
            ),
            '{nps_class}',
            case
                when ({{ value }}) >= 9 then 'promoter'
                when ({{ value }}) >= 7 then 'passive'
                else 'detractor'
            end
        )
    end
{%- endmacro %}
