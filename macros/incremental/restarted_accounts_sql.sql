{#- The query listing the accounts (account_id) an incremental run recomputes
    whole: an account that had churned and has a subscription line starting
    after the model's last stored day (and on or before the as-of day) gets
    the days of its churn gap back on its lifetime spine
    (int_account_days_spined), days no earlier run stored and mostly older
    than the lookback. Recomputing such an account from its first day keeps
    its running totals and windows equal to a full build's, while the other
    accounts recompute the lookback only. A run that replays an earlier as-of
    day recomputes whole the accounts that restarted after that day and on or
    before the last stored day: the stored gap days must go. A model whose
    rows do not follow the lifetime spine (the product event aggregates: an
    event's day is the same whether or not the account was a customer) sets
    meta `recompute_restarted_accounts: false` and gets no account: its
    stored days stay as they are. With `gap_start`, a second column: the day
    the account's churn gap began (the latest end of its earlier lines), before
    which its stored days stay as they are (restarted_after_sql).
    docs/DEFINITIONS.md 6. -#}
{% macro restarted_accounts_sql(gap_start=false) %}
    {%- if not (config.get('meta') or {}).get('recompute_restarted_accounts', true) %}
    select
        cast(null as {{ dbt.type_string() }}) as account_id
        {%- if gap_start %},
        cast(null as date) as gap_start
        {%- endif %}
    where 1 = 0
    {%- else %}
    select
        restarted.account_id
        {%- if gap_start %},
        max(earlier.ended_date) as gap_start
        {%- endif %}
    from (
        select
            account_id,
            min(started_date) as restarted_date
        from {{ ref('stg_billing__subscription_lines') }}
        cross join (
            select
                least(max({{ stored_day_column() }}), {{ as_of_date() }})
                    as from_day,
                greatest(max({{ stored_day_column() }}), {{ as_of_date() }})
                    as to_day
            from {{ this }}
        ) as run
        where
            started_date > run.from_day
            and started_date <= run.to_day
        group by account_id
    ) as restarted
    inner join {{ ref('stg_billing__subscription_lines') }} as earlier
        on
            restarted.account_id = earlier.account_id
            and earlier.started_date < restarted.restarted_date
    group by restarted.account_id, restarted.restarted_date
    having count(case
        when
            earlier.ended_date is null
            or earlier.ended_date >= restarted.restarted_date
            then 1
    end) = 0
    {%- endif %}
{% endmacro %}

{#- The scalar query giving the last day a run keeps of its restarted accounts
    (their days after it are recomputed), less extra_days: the earliest day a
    churn gap of theirs began, less one day and lookback_days, as if that day
    were their last stored day (recomputed_after_sql). Their days before the
    gap do not change when they restart, so a run continues them from there
    instead of recomputing their whole history. Null without a restarted
    account. -#}
{% macro restarted_after_sql(extra_days=0) %}
    select {{ dbt.dateadd(
        'day',
        '-(max(settings.lookback_days) + 1 + ' ~ extra_days ~ ')',
        'min(restarted.gap_start)'
    ) }}
    from ({{ restarted_accounts_sql(gap_start=true) }}) as restarted
    cross join {{ ref('incremental_settings') }} as settings
{% endmacro %}
