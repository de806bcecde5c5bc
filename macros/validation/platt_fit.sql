{#- A query fitting, per value of group_column, the Platt scaling of a score to
    the probability of a boolean outcome, P = 1 / (1 + exp(-(intercept + slope
    x score))), by maximum likelihood: Newton's method on the standardised
    score, `steps` steps unrolled into CTEs (each reads the previous step
    once), the result given back on the score's own scale. Columns:
    group_column, fit_observations, fit_churners, intercept, slope,
    last_step_size (|change| of both parameters in the last step; about 0 once
    converged). A group without both outcomes gets null parameters. -#}
{% macro platt_fit(relation, group_column, score, outcome, steps) -%}
with fit_rows as (
    select
        {{ group_column }} as fit_group,
        {{ score }} as score,
        case when {{ outcome }} then 1.0 else 0.0 end as churned
    from {{ relation }}
    where {{ score }} is not null and {{ outcome }} is not null
),

scale as (
    select
        fit_group,
        count(*) as fit_observations,
        sum(churned) as fit_churners,
        avg(score) as score_mean,
        stddev_pop(score) as score_sd
    from fit_rows
    group by fit_group
),

standardised as (
    select
        fit_rows.fit_group,
        fit_rows.churned,
        (fit_rows.score - scale.score_mean) / nullif(scale.score_sd, 0) as x
    from fit_rows
    inner join scale
        on fit_rows.fit_group = scale.fit_group
),

step_0 as (
    select
        fit_group,
        ln(fit_churners / nullif(fit_observations - fit_churners, 0)) as a,
        0.0 as b,
        cast(null as double) as step_size
    from scale
),
{%- for step in range(1, steps + 1) %}

step_{{ step }} as (
    select
        sums.fit_group,
        sums.a + sums.da as a,
        sums.b + sums.db as b,
        abs(sums.da) + abs(sums.db) as step_size
    from (
        select
            gradients.fit_group,
            gradients.a,
            gradients.b,
            (
                gradients.h_bb * gradients.grad_a
                - gradients.h_ab * gradients.grad_b
            )
            / nullif(
                gradients.h_aa * gradients.h_bb
                - gradients.h_ab * gradients.h_ab,
                0
            ) as da,
            (
                gradients.h_aa * gradients.grad_b
                - gradients.h_ab * gradients.grad_a
            )
            / nullif(
                gradients.h_aa * gradients.h_bb
                - gradients.h_ab * gradients.h_ab,
                0
            ) as db
        from (
            select
                fitted.fit_group,
                fitted.a,
                fitted.b,
                sum(fitted.churned - fitted.p) as grad_a,
                sum((fitted.churned - fitted.p) * fitted.x) as grad_b,
                sum(fitted.p * (1 - fitted.p)) as h_aa,
                sum(fitted.p * (1 - fitted.p) * fitted.x) as h_ab,
                sum(fitted.p * (1 - fitted.p) * fitted.x * fitted.x) as h_bb
            from (
                select
                    standardised.fit_group,
                    previous.a,
                    previous.b,
                    standardised.churned,
                    standardised.x,
                    1 / (1 + exp(-(previous.a + previous.b * standardised.x)))
                        as p
                from standardised
                inner join step_{{ step - 1 }} as previous
                    on standardised.fit_group = previous.fit_group
            ) as fitted
            group by fitted.fit_group, fitted.a, fitted.b
        ) as gradients
    ) as sums
),
{%- endfor %}

fitted as (
    select
        scale.fit_group as {{ group_column }},
        scale.fit_observations,
        cast(scale.fit_churners as bigint) as fit_churners,
        last_step.a - last_step.b * scale.score_mean / scale.score_sd
            as intercept,
        last_step.b / scale.score_sd as slope,
        last_step.step_size as last_step_size
    from scale
    left join step_{{ steps }} as last_step
        on scale.fit_group = last_step.fit_group
)

select * from fitted
{%- endmacro %}
