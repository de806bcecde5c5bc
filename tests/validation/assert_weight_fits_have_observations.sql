{#- The two weight fits of the review read the fit dates' included backtest
    observations (val_backtest_submetric_rows): val_metric_groups correlates
    their sub-metric scores, val_proposed_weights fits churn on those whose
    renewal falls in the horizon, and needs churners and non-churners among
    them. With nothing to fit they write no row, and this warns, naming what
    is missing (a history too short for the backtest, or a fit period
    without churn): a state of the warehouse, not an error in its data, so
    the build goes on. Under dbt's dry run (`--empty`) it keeps no row, like
    every check that needs a row (report_violations). -#}
{{ config(severity='warn') }}
{%- set violations -%}
    with fit as (
        select
            observation_date,
            account_id,
            is_renewal_in_horizon,
            churned_within_horizon
        from {{ ref('val_backtest_submetric_rows') }}
        where is_included and backtest_period = 'fit'
    ),

    renewal_outcomes as (
        select
            observation_date,
            account_id,
            max(case when churned_within_horizon then 1 else 0 end) as churned
        from fit
        where is_renewal_in_horizon
        group by observation_date, account_id
    ),

    renewals as (
        select
            count(case when churned = 1 then 1 end) as churners,
            count(case when churned = 0 then 1 end) as non_churners
        from renewal_outcomes
    )

    select
        'val_backtest_submetric_rows: no included sub-metric score on the fit '
        || 'dates, so val_metric_groups and val_proposed_weights have nothing '
        || 'to fit (val_backtest_coverage shows which dates are observed '
        || 'and scored)' as violation
    where not exists (select 1 from fit)
    union all
    select
        'val_backtest_submetric_rows: the fit dates have '
        || cast(renewals.churners as {{ dbt.type_string() }}) || ' churners and '
        || cast(renewals.non_churners as {{ dbt.type_string() }})
        || ' non-churners among the observations up for renewal; '
        || 'val_proposed_weights needs both' as violation
    from renewals
    where
        exists (select 1 from fit)
        and (renewals.churners = 0 or renewals.non_churners = 0)
{%- endset -%}
{{ report_violations(violations, 'validation check') }}
