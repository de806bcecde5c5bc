{#-
    Every row of the candidate weight files, typed, with the first rule it
    breaks (null when usable) and the raw row as a struct: a missing name, a
    reserved name (current, equal, groups, proposed), a component the scoring
    seeds do not have, a weight that is not a number or is negative, a repeated component
    in a set; then every other row of a set with a bad row, and every row of a
    set whose weights do not sum to 1: a set is used whole or not at all.
    stg_weight_candidates__weight_sets keeps the usable rows;
    fct_quarantined_rows keeps the others.
-#}
with source as (
    select
        src.*,
        {{ row_struct('src') }} as raw_row
    from {{ source('weight_candidates', 'weight_sets') }} as src
),

typed as (
    select
        trim({{ typed('weight_set', 'string') }}) as weight_set,
        lower(trim({{ typed('component', 'string') }})) as component,
        {{ typed('weight', 'float') }} as weight,
        {{ typed('note', 'string') }} as note,
        raw_row
    from source
),

components as (
    select distinct component from {{ ref('scoring_weight_sets') }}
),

ranked as (
    select
        typed.*,
        components.component is not null as is_known_component,
        count(*) over (partition by typed.weight_set, typed.component)
            as key_rows
    from typed
    left join components
        on typed.component = components.component
),

row_checked as (
    select
        *,
        {{ quarantine_rule([
            ["coalesce(weight_set, '') = ''", 'missing_weight_set'],
            ["weight_set in ('current', 'equal', 'groups', 'proposed')",
                'reserved_weight_set_name'],
            ['not is_known_component', 'unknown_component'],
            ['weight is null', 'unreadable_weight'],
            ['weight < 0', 'negative_weight'],
            ['key_rows > 1', 'duplicate_component'],
        ]) }} as row_rule
    from ranked
),

checked as (
    select
        *,
        coalesce(
            row_rule,
            case
                when
                    count(row_rule) over (partition by weight_set) > 0
                    then 'weight_set_has_bad_rows'
                when
                    abs(sum(weight) over (partition by weight_set) - 1) > 1e-6
                    then 'weights_do_not_sum_to_one'
            end
        ) as quarantine_rule
    from row_checked
)

select * from checked
