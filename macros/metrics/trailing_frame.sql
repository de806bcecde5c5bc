{#- The window frame of a trailing window over an account's lifetime days
    (one row per day): the `window_days` rows ending on the current one, or
    every earlier row when window_days is none (the whole lifetime). -#}
{% macro trailing_frame(window_days) -%}
    {%- if window_days -%}
        rows between {{ window_days - 1 }} preceding and current row
    {%- else -%}
        rows between unbounded preceding and current row
    {%- endif -%}
{%- endmacro %}
