"""Prints where the warehouse is and a few lines of the customer-360, health and KPI marts."""
from __future__ import annotations

import os
import sys

import duckdb

from health_harness.warehouse_path import warehouse_path


def main() -> int:
    path = str(warehouse_path())
    con = duckdb.connect(path, read_only=True)
    print(f"\nWarehouse: {os.path.abspath(path)}")
    tables = con.sql(
        "select table_schema || '.' || table_name as name from information_schema.tables "
        "where table_schema in ('marts') order by 1").fetchall()
    for (name,) in tables:
        rows = con.execute(f"select count(*) from {name}").fetchall()[0][0]
        print(f"  {name:45s} {rows:>10,} rows")
    print("\nmarts.rpt_customer_360 (status, MRR and usage by segment):")
    print(con.sql("""
        select segment, customer_status, count(*) as accounts,
               round(sum(mrr)) as mrr, round(avg(active_users_30d), 1) as avg_active_users_30d,
               round(avg(seat_utilisation_30d), 2) as avg_seat_utilisation_30d,
               round(avg(open_tickets), 2) as avg_open_tickets
        from marts.rpt_customer_360 group by all order by 1, 2"""))
    print("A few accounts:")
    print(con.sql("""
        select account_id, account_name, segment, mrr, active_users_30d, logins_30d,
               days_since_last_login, open_tickets, latest_nps_score, renewal_date
        from marts.rpt_customer_360 where customer_status = 'active'
        order by mrr desc limit 5"""))
    print("marts.rpt_account_health (accounts by tier on the as-of day):")
    print(con.sql("""
        select health_tier, health_colour, tier_action, count(*) as accounts,
               round(avg(health_score), 1) as avg_score, round(avg(coverage), 2) as avg_coverage,
               count(*) filter (where velocity_band like 'declining%') as declining
        from marts.rpt_account_health group by all order by min(health_score) desc"""))
    print("Lowest scores, with their drivers:")
    print(con.sql("""
        select account_id, round(health_score, 1) as score, health_tier, velocity_band,
               risk_drivers, change_drivers_30d
        from marts.rpt_account_health order by health_score limit 5""").df()
          .to_string(index=False, max_colwidth=70))
    print("\nmarts.rpt_executive_kpis_monthly (all accounts, last 4 months; the last is month to date):")
    print(con.sql("""
        select month_start, is_partial_month as partial, customers_end as customers,
               round(ending_arr) as arr, round(gross_revenue_retention, 3) as grr,
               round(net_revenue_retention, 3) as nrr, round(logo_retention, 3) as logo_ret,
               round(mean_health_score, 1) as mean_health, round(at_risk_arr) as at_risk_arr,
               round(at_risk_arr_share, 3) as at_risk_share, renewing_customers as renewing_90d
        from marts.rpt_executive_kpis_monthly where dimension = 'total'
        order by month_start desc limit 4""").df().to_string(index=False))
    print("\nmarts.rpt_csm_portfolio (largest portfolios):")
    print(con.sql("""
        select csm_name, customers, round(arr) as arr, round(mean_health_score, 1) as mean_health,
               green_customers as green, yellow_customers as yellow, red_customers as red,
               renewing_customers as renewing_90d, largest_red_accounts
        from marts.rpt_csm_portfolio order by arr desc limit 5""").df()
          .to_string(index=False, max_colwidth=80))
    print("\nmarts.fct_alert_log (alerts open on the as-of day, by severity):")
    print(con.sql("""
        select severity, count(*) as open_alerts, count(distinct account_id) as accounts
        from marts.fct_alert_log where is_open group by severity, severity_rank
        order by severity_rank""").df().to_string(index=False))
    print("\nmarts.rpt_csm_action_list (the first actions of the CSM with the most ARR at risk):")
    print(con.sql("""
        with top_csm as (
            select csm_owner_id from marts.rpt_csm_action_list
            group by csm_owner_id order by sum(arr_at_risk) desc nulls last limit 1)
        select priority_rank as "#", csm_name, account_name, round(arr_at_risk) as arr_at_risk,
               severity, signal, evidence, sla_due_at, is_overdue as overdue
        from marts.rpt_csm_action_list
        where csm_owner_id in (select csm_owner_id from top_csm) and priority_rank <= 5
        order by priority_rank""").df().to_string(index=False, max_colwidth=50))
    print("\nmarts.rpt_account_risk_card (the at-risk account with the most ARR):")
    card = con.sql("""
        select * from marts.rpt_account_risk_card where is_at_risk
        order by arr desc limit 1""").df()
    if len(card):
        print(card.T.to_string(header=False, max_colwidth=160))
    print("\nvalidation.val_signal_quality (does each signal warn of churn within its horizon?):")
    print(con.sql("""
        select signal, severity, observations_fired as fired, churners_fired as churned,
               round(lift, 2) as lift, round(recall, 3) as recall,
               round(false_positive_rate, 2) as fpr, median_lead_time_days as lead_days, verdict
        from validation.val_signal_quality order by lift desc nulls last""").df().to_string(index=False))
    print("\nvalidation.val_metrics (does the score predict churn? evaluation dates, out of sample):")
    print(con.sql("""
        select metric, round(metric_value, 3) as value, comparison, target, meets_target
        from validation.val_metrics where dimension = 'total' and backtest_period = 'evaluation'
        order by target is null, metric""").df().to_string(index=False))
    print("\nvalidation.val_lift_by_decile (evaluation dates, lowest scores first):")
    print(con.sql("""
        select risk_decile, observations, churners, round(churn_rate, 3) as churn_rate,
               round(lift, 2) as lift, round(min_health_score, 1) as min_score,
               round(max_health_score, 1) as max_score
        from validation.val_lift_by_decile
        where dimension = 'total' and backtest_period = 'evaluation' order by risk_decile""").df()
          .to_string(index=False))
    print("\nmarts.rpt_flat_export_scores (the four example rows of source document 003):")
    print(con.sql("""
        select account_id, round(health_score, 1) as score, health_tier, health_colour, risk_drivers
        from marts.rpt_flat_export_scores order by health_score desc""").df()
          .to_string(index=False, max_colwidth=70))
    print("\nQuarantine (rows kept aside, by rule):")
    print(con.sql("""select source_table, quarantine_rule, count(*) as rows
                     from marts.fct_quarantined_rows group by all order by 1, 2"""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
