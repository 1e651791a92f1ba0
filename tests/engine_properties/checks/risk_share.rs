//! Checks of the risk share (spec §3 steps 1–6, §4): units and their netting, reserves and
//! sharing, partner totals and the plan's totals, settlement, and which outcome fields the
//! optional features add.
//!
//! Each unit is compared with [`crate::reference`] to the penny; the named invariants of the
//! spec are asserted on the outcome itself as well, so a failure says which rule broke.

use pooled_core::findings::Code;
use pooled_core::outcome::{Applied, Outcome, UnitOutcome};
use pooled_core::plan::model::{Plan, Rule};
use pooled_testkit::plans::partner_pence;
use serde_json::Value;

use super::{finding_count, partner_at};
use crate::reference::{
    Reserve, UnitExpectation, expected_reserve_totals, expected_transfers, partner_contributions,
    sum_budget, sum_forecast, unit_caps,
};

/// The group position of an outcome unit.
fn group_at(plan: &Plan, unit: &UnitOutcome) -> usize {
    plan.groups
        .iter()
        .position(|g| g.id == unit.group)
        .expect("a unit's group exists")
}

/// Units: their order, figures, netting, reserves, signs, caps, the spec's sharing and their
/// warnings; then every netting set's offsets.
pub(super) fn check_units(plan: &Plan, outcome: &Outcome, expected: &[UnitExpectation]) {
    let ids: Vec<&str> = outcome.units.iter().map(|u| u.id.as_str()).collect();
    let expected_ids: Vec<&str> = expected.iter().map(|u| u.spec.id.as_str()).collect();
    assert_eq!(ids, expected_ids, "units and their order");
    for (exp, unit) in expected.iter().zip(&outcome.units) {
        check_unit_invariants(plan, unit, &unit_caps(plan, &exp.spec));
        check_unit_against_reference(plan, outcome, exp, unit);
    }
    check_netting_sets(plan, outcome);
}

/// The named invariants of one unit, from the outcome alone (spec §3 steps 2–4a, §4).
fn check_unit_invariants(plan: &Plan, unit: &UnitOutcome, caps: &[Option<i64>]) {
    let id = &unit.id;
    let g = group_at(plan, unit);
    let group = &plan.groups[g];
    let v = unit.variance.pence();
    let shares = partner_pence(&unit.allocation);
    let sum: i64 = shares.iter().sum();
    let (uncovered, carried) = (unit.uncovered.pence(), unit.carried_forward.pence());
    let offset = unit.offset.map_or(0, |o| o.pence());
    let shared_variance = unit.shared_variance.map_or(v, |s| s.pence());
    let drawn = unit.reserve.map_or(0, |r| r.drawn.pence());
    let x = shared_variance - drawn;

    // "Every unit accounts for its variance to the penny" (§4).
    assert_eq!(
        v,
        offset + drawn + sum + uncovered - carried,
        "{id}: variance {v} ≠ offset {offset} + reserve drawn {drawn} + Σ shares {sum} + \
         uncovered {uncovered} − carried forward {carried}"
    );

    // Netting (§3 step 2a): V' = V − o, and no unit changes sign.
    assert_eq!(
        unit.offset.is_some(),
        unit.shared_variance.is_some(),
        "{id}: offset and shared_variance come together"
    );
    assert_eq!(
        shared_variance,
        v - offset,
        "{id}: shared_variance = variance − offset"
    );
    assert!(
        shared_variance == 0 || shared_variance.signum() == v.signum(),
        "{id}: netting changed the sign of the variance {v} to {shared_variance}"
    );
    assert!(
        offset == 0 || offset.signum() == v.signum(),
        "{id}: the offset {offset} has not the sign of the variance {v}"
    );

    // The reserve (§3 steps 2b, 4a).
    if let Some(r) = unit.reserve {
        let (opening, closing) = (r.opening.pence(), r.closing.pence());
        assert!(
            (0..=opening).contains(&drawn),
            "{id}: drew {drawn} of a reserve of {opening}"
        );
        assert_eq!(
            drawn,
            shared_variance.clamp(0, opening),
            "{id}: the draw is min(V', R) on an overspend, else nothing"
        );
        assert_eq!(
            closing,
            opening - drawn + carried,
            "{id}: closing reserve = opening − drawn + carried forward"
        );
    }

    // What the rules share (§3 steps 2–4): `applied` follows X, not V.
    let agreed = |rule: &Rule| matches!(rule, Rule::Agreed(_));
    match unit.applied {
        Applied::Overspend => {
            assert!(x > 0, "{id}: overspend rule applied to X = {x}");
            assert_eq!(carried, 0, "{id}: an overspend carries nothing forward");
            assert!(uncovered <= x, "{id}: uncovered {uncovered} of X = {x}");
            assert!(
                uncovered >= 0 || agreed(&group.overspend),
                "{id}: uncovered {uncovered} is negative only through an agreed rule"
            );
            assert!(shares.iter().all(|s| *s >= 0), "{id}: {shares:?}");
            for (p, cap) in caps.iter().enumerate() {
                if let Some(cap) = *cap {
                    assert!(
                        shares[p] <= cap,
                        "{id}: {} bears {} over its cap {cap}",
                        plan.partners[p].id,
                        shares[p]
                    );
                }
            }
        }
        Applied::Underspend => {
            assert!(x < 0, "{id}: underspend rule applied to X = {x}");
            assert_eq!(uncovered, 0, "{id}: an underspend leaves nothing uncovered");
            assert!(carried <= -x, "{id}: carried {carried} of X = {x}");
            assert!(
                carried >= 0 || agreed(&group.underspend),
                "{id}: carried forward {carried} is negative only through an agreed rule"
            );
            assert!(shares.iter().all(|s| *s <= 0), "{id}: {shares:?}");
        }
        Applied::None => {
            assert_eq!(x, 0, "{id}: nothing applied to X = {x}");
            assert!(shares.iter().all(|s| *s == 0), "{id}: {shares:?}");
            assert_eq!((uncovered, carried), (0, 0), "{id}");
        }
    }
}

/// One unit against the spec worked independently, to the penny, with every optional field
/// present exactly when the spec says, and its warnings.
fn check_unit_against_reference(
    plan: &Plan,
    outcome: &Outcome,
    exp: &UnitExpectation,
    unit: &UnitOutcome,
) {
    let id = &unit.id;
    let group = &plan.groups[exp.spec.group];
    let budget = sum_budget(plan, &exp.spec.schemes);
    let forecast = sum_forecast(plan, &exp.spec.schemes);
    assert_eq!(unit.group, group.id, "{id}: group");
    assert_eq!(
        (
            unit.budget.pence(),
            unit.forecast.pence(),
            unit.variance.pence()
        ),
        (budget, forecast, exp.variance),
        "{id}: budget, forecast, variance"
    );
    let partner_ids: Vec<&str> = unit.allocation.iter().map(|(k, _)| k).collect();
    let all_ids: Vec<&str> = plan.partners.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(partner_ids, all_ids, "{id}: allocation lists every partner");

    assert_eq!(
        unit.offset.map(|o| o.pence()),
        exp.offset,
        "{id}: offset by spec §3 step 2a (present iff the group is in a netting set)"
    );
    assert_eq!(
        unit.shared_variance.map(|s| s.pence()),
        exp.offset.map(|_| exp.shared_variance),
        "{id}: shared_variance (present iff the group is in a netting set)"
    );
    let reserve = unit.reserve.map(|r| Reserve {
        opening: r.opening.pence(),
        drawn: r.drawn.pence(),
        closing: r.closing.pence(),
    });
    assert_eq!(
        reserve, exp.reserve,
        "{id}: reserve by spec §3 steps 2b and 4a (present iff the group has opening_reserve)"
    );
    assert_eq!(unit.applied, exp.applied, "{id}: applied to X = {}", exp.x);
    let shares = partner_pence(&unit.allocation);
    let s = &exp.sharing;
    assert_eq!(
        (
            &shares,
            unit.uncovered.pence(),
            unit.carried_forward.pence()
        ),
        (&s.shares, s.uncovered, s.carried_forward),
        "{id}: allocation, uncovered, carried forward by spec §3 steps 3–4 (X = {})",
        exp.x
    );
    assert_eq!(
        unit.settled,
        (!exp.settles).then_some(false),
        "{id}: settled is false for an aligned budget and absent otherwise"
    );

    let path = format!("units.{id}");
    let count = |code| finding_count(outcome, code, &path);
    assert_eq!(
        count(Code::ZeroWeights),
        usize::from(s.zero_weights),
        "{id}: W-ZERO-WEIGHTS once iff a rule with weights summing to zero met an amount"
    );
    assert_eq!(
        count(Code::Uncovered),
        usize::from(s.unshared > 0),
        "{id}: W-UNCOVERED once iff zero weights or caps left something uncovered ({})",
        s.unshared
    );
    assert_eq!(
        count(Code::AgreedDiffers),
        usize::from(s.agreed_difference.is_some_and(|d| d != 0)),
        "{id}: W-AGREED-DIFFERS once iff an agreed rule was applied and its amounts differ \
         from X (D = {:?})",
        s.agreed_difference
    );
}

/// Every netting set's offsets sum to zero (spec §3 step 2a): netting changes no total.
fn check_netting_sets(plan: &Plan, outcome: &Outcome) {
    for (i, set) in plan.offsets.iter().enumerate() {
        let offsets: Vec<i64> = outcome
            .units
            .iter()
            .filter(|u| set.contains(&group_at(plan, u)))
            .map(|u| {
                u.offset
                    .unwrap_or_else(|| panic!("{}: a netted unit has an offset", u.id))
                    .pence()
            })
            .collect();
        assert_eq!(
            offsets.iter().sum::<i64>(),
            0,
            "the offsets of netting set {i} sum to zero: {offsets:?}"
        );
    }
    let netted: Vec<usize> = plan.offsets.iter().flatten().copied().collect();
    for unit in &outcome.units {
        if !netted.contains(&group_at(plan, unit)) {
            assert!(
                unit.offset.is_none() && unit.shared_variance.is_none(),
                "{}: a unit in no netting set has no offset",
                unit.id
            );
        }
    }
}

/// Partner totals (spec §3 step 5) and the plan's totals.
pub(super) fn check_totals(plan: &Plan, outcome: &Outcome, expected: &[UnitExpectation]) {
    let n = plan.partners.len();
    let contribution = partner_contributions(plan);
    let mut over = vec![0i64; n];
    let mut under = vec![0i64; n];
    for unit in &outcome.units {
        for (p, share) in partner_pence(&unit.allocation).into_iter().enumerate() {
            match unit.applied {
                Applied::Overspend => over[p] += share,
                Applied::Underspend => under[p] -= share,
                Applied::None => assert_eq!(share, 0),
            }
        }
    }
    assert_eq!(outcome.partners.len(), n);
    for (p, partner) in outcome.partners.iter().enumerate() {
        let id = &partner.id;
        assert_eq!(*id, plan.partners[p].id, "partners in partner order");
        assert_eq!(partner.contribution.pence(), contribution[p], "{id}: Cₚ");
        assert_eq!(partner.overspend_share.pence(), over[p], "{id}: overspend");
        assert_eq!(
            partner.underspend_share.pence(),
            under[p],
            "{id}: underspend"
        );
        assert!(under[p] >= 0, "{id}: underspend_share is money returned");
        assert_eq!(
            partner.net_share.pence(),
            over[p] - under[p],
            "{id}: net_share"
        );
        assert_eq!(
            partner.final_cost.pence(),
            contribution[p] + over[p] - under[p],
            "{id}: final_cost = contribution + net_share"
        );
    }

    let t = &outcome.totals;
    let income: i64 = contribution.iter().sum();
    let all: Vec<usize> = (0..plan.schemes.len()).collect();
    let (budget, forecast) = (sum_budget(plan, &all), sum_forecast(plan, &all));
    assert_eq!(t.income.pence(), income, "income");
    assert_eq!(t.budget.pence(), budget, "budget");
    assert_eq!(t.forecast.pence(), forecast, "forecast");
    assert_eq!(t.variance.pence(), forecast - budget, "variance");
    assert_eq!(t.unallocated_income.pence(), income - budget, "unallocated");
    let uncovered: i64 = outcome.units.iter().map(|u| u.uncovered.pence()).sum();
    let carried: i64 = outcome
        .units
        .iter()
        .map(|u| u.carried_forward.pence())
        .sum();
    assert_eq!(t.uncovered.pence(), uncovered, "uncovered");
    assert_eq!(t.carried_forward.pence(), carried, "carried forward");

    let reserve_totals = expected_reserve_totals(plan, expected);
    assert_eq!(
        (
            t.reserve_drawn.map(|m| m.pence()),
            t.closing_reserve.map(|m| m.pence())
        ),
        (reserve_totals.map(|r| r.0), reserve_totals.map(|r| r.1)),
        "reserve_drawn and closing_reserve (present iff some group has opening_reserve)"
    );
    let drawn: i64 = outcome
        .units
        .iter()
        .filter_map(|u| u.reserve)
        .map(|r| r.drawn.pence())
        .sum();
    assert_eq!(t.reserve_drawn.map_or(0, |d| d.pence()), drawn, "Σ drawn");
    let final_costs: i64 = outcome.partners.iter().map(|p| p.final_cost.pence()).sum();
    assert_eq!(
        final_costs,
        t.income.pence() + t.variance.pence() - drawn - t.uncovered.pence()
            + t.carried_forward.pence(),
        "Σ final_cost = income + variance − reserve drawn − uncovered + carried_forward \
         (netting changes no total)"
    );
}

/// Settlement (spec §3 step 6): the netted flows implied by the units, in pair order, and each
/// partner's cash position.
pub(super) fn check_settlement(plan: &Plan, outcome: &Outcome, expected: &[UnitExpectation]) {
    let expected: Vec<(&str, &str, i64)> = expected_transfers(plan, expected)
        .into_iter()
        .map(|(from, to, amount)| {
            (
                plan.partners[from].id.as_str(),
                plan.partners[to].id.as_str(),
                amount,
            )
        })
        .collect();
    let actual: Vec<(&str, &str, i64)> = outcome
        .settlement
        .iter()
        .map(|t| (t.from.as_str(), t.to.as_str(), t.amount.pence()))
        .collect();
    assert_eq!(
        actual, expected,
        "settlement: shares of settling units to their hosts, none for aligned units, and the \
         plan's host to each netted unit's host its offset"
    );
    assert!(
        outcome
            .settlement
            .iter()
            .all(|t| t.amount.pence() > 0 && t.from != t.to),
        "transfers are of positive amounts between two partners"
    );

    // Each partner's cash position before settlement: as host of a settling unit it bears the
    // whole of the partners' shares there; in an aligned unit it bears its own share where it
    // spent; as host of a netted unit it bears the offset. Settlement must then leave it with
    // exactly minus its net share.
    let n = plan.partners.len();
    let mut position = vec![0i64; n];
    for unit in &outcome.units {
        let host = plan.groups[group_at(plan, unit)].host;
        let shares = partner_pence(&unit.allocation);
        if unit.settled == Some(false) {
            for (p, s) in shares.iter().enumerate() {
                position[p] -= s;
            }
        } else {
            position[host] -= shares.iter().sum::<i64>();
        }
        if let Some(o) = unit.offset {
            position[host] -= o.pence();
        }
    }
    for t in &outcome.settlement {
        position[partner_at(plan, &t.to)] += t.amount.pence();
        position[partner_at(plan, &t.from)] -= t.amount.pence();
    }
    let minus_net: Vec<i64> = outcome
        .partners
        .iter()
        .map(|p| -p.net_share.pence())
        .collect();
    assert_eq!(
        position, minus_net,
        "each partner's cash position plus what settlement gives it = − its net share"
    );
}

/// Whether the plan uses any optional feature of spec §2.2.
fn uses_optional_feature(plan: &Plan) -> bool {
    fn new_rule(rule: &Rule) -> bool {
        match rule {
            Rule::ProRataAmounts(_) | Rule::Agreed(_) => true,
            Rule::Tiered(bands) => bands.iter().any(|b| new_rule(&b.rule)),
            _ => false,
        }
    }
    !plan.offsets.is_empty()
        || plan.groups.iter().any(|g| {
            g.opening_reserve.is_some()
                || !g.settle
                || new_rule(&g.overspend)
                || new_rule(&g.underspend)
        })
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// The outcome document's keys (spec §4): the fields of the optional features present exactly
/// when the plan uses them, in their places; and none of them for a plan that uses none.
pub(super) fn check_document_fields(plan: &Plan, outcome: &Outcome) {
    const NEW_KEYS: [&str; 6] = [
        "offset",
        "shared_variance",
        "reserve",
        "settled",
        "reserve_drawn",
        "closing_reserve",
    ];
    // The units and totals as the outcome document writes them (only these carry the fields).
    let units = serde_json::to_value(&outcome.units).expect("units serialise");
    let totals = serde_json::to_value(outcome.totals).expect("totals serialise");
    let netted: Vec<usize> = plan.offsets.iter().flatten().copied().collect();
    let units = units.as_array().expect("units");
    assert_eq!(units.len(), outcome.units.len());
    for (doc, unit) in units.iter().zip(&outcome.units) {
        let g = group_at(plan, unit);
        let group = &plan.groups[g];
        let mut expected = vec!["id", "group", "budget", "forecast", "variance"];
        if netted.contains(&g) {
            expected.extend(["offset", "shared_variance"]);
        }
        if group.opening_reserve.is_some() {
            expected.push("reserve");
        }
        expected.extend(["applied", "allocation", "uncovered", "carried_forward"]);
        if !group.settle {
            expected.push("settled");
        }
        assert_eq!(
            keys(doc),
            expected,
            "{}: the unit's fields and their order",
            unit.id
        );
        if group.opening_reserve.is_some() {
            assert_eq!(
                keys(&doc["reserve"]),
                ["opening", "drawn", "closing"],
                "{}: the reserve's fields",
                unit.id
            );
        }
        if !group.settle {
            assert_eq!(doc["settled"], Value::Bool(false), "{}: settled", unit.id);
        }
    }
    let mut expected = vec![
        "income",
        "budget",
        "forecast",
        "variance",
        "unallocated_income",
        "uncovered",
        "carried_forward",
    ];
    if plan.groups.iter().any(|g| g.opening_reserve.is_some()) {
        expected.extend(["reserve_drawn", "closing_reserve"]);
    }
    assert_eq!(
        keys(&totals),
        expected,
        "the totals' fields and their order"
    );

    if !uses_optional_feature(plan) {
        for unit in units {
            for key in NEW_KEYS {
                assert!(
                    unit.get(key).is_none(),
                    "{}: a plan without optional features has no '{key}'",
                    unit["id"]
                );
            }
        }
        for key in NEW_KEYS {
            assert!(
                totals.get(key).is_none(),
                "a plan without optional features has no totals '{key}'"
            );
        }
        assert_eq!(
            finding_count_any(outcome, Code::AgreedDiffers),
            0,
            "a plan without agreed rules has no W-AGREED-DIFFERS"
        );
    }
}

fn finding_count_any(outcome: &Outcome, code: Code) -> usize {
    outcome.findings.iter().filter(|f| f.code == code).count()
}
