//! Checks of the risk share (spec §3 steps 1–6): units and their sharing, partner totals and the
//! plan's totals, and settlement.

use std::collections::BTreeMap;

use pooled_core::findings::Code;
use pooled_core::outcome::{Applied, Outcome, UnitOutcome};
use pooled_core::plan::model::Plan;
use pooled_testkit::plans::partner_pence;

use super::{has_finding, partner_at};
use crate::reference::{
    UnitSpec, expected_sharing, expected_units, partner_contributions, sum_budget, sum_forecast,
    unit_caps,
};

/// Units: their order, figures, allocation sums, signs, caps and the spec's sharing.
pub(super) fn check_units(plan: &Plan, outcome: &Outcome) {
    let specs = expected_units(plan);
    let ids: Vec<&str> = outcome.units.iter().map(|u| u.id.as_str()).collect();
    let expected_ids: Vec<&str> = specs.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, expected_ids, "units and their order");
    for (spec, unit) in specs.iter().zip(&outcome.units) {
        check_unit(plan, outcome, spec, unit);
    }
}

fn check_unit(plan: &Plan, outcome: &Outcome, spec: &UnitSpec, unit: &UnitOutcome) {
    let id = &unit.id;
    let budget = sum_budget(plan, &spec.schemes);
    let forecast = sum_forecast(plan, &spec.schemes);
    let v = forecast - budget;
    assert_eq!(unit.group, plan.groups[spec.group].id, "{id}: group");
    assert_eq!(
        (
            unit.budget.pence(),
            unit.forecast.pence(),
            unit.variance.pence()
        ),
        (budget, forecast, v),
        "{id}: budget, forecast, variance"
    );
    let partner_ids: Vec<&str> = unit.allocation.iter().map(|(k, _)| k).collect();
    let all_ids: Vec<&str> = plan.partners.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(partner_ids, all_ids, "{id}: allocation lists every partner");

    let shares = partner_pence(&unit.allocation);
    let sum: i64 = shares.iter().sum();
    let (uncovered, carried) = (unit.uncovered.pence(), unit.carried_forward.pence());
    match unit.applied {
        Applied::Overspend => {
            assert!(v > 0, "{id}: overspend applied to variance {v}");
            assert_eq!(sum, v - uncovered, "{id}: shares = variance − uncovered");
            assert_eq!(carried, 0, "{id}: an overspend carries nothing forward");
            assert!((0..=v).contains(&uncovered), "{id}: uncovered {uncovered}");
            assert!(shares.iter().all(|s| *s >= 0), "{id}: {shares:?}");
        }
        Applied::Underspend => {
            assert!(v < 0, "{id}: underspend applied to variance {v}");
            assert_eq!(
                sum,
                v + carried,
                "{id}: shares = variance + carried forward"
            );
            assert_eq!(uncovered, 0, "{id}: an underspend leaves nothing uncovered");
            assert!((0..=-v).contains(&carried), "{id}: carried {carried}");
            assert!(shares.iter().all(|s| *s <= 0), "{id}: {shares:?}");
        }
        Applied::None => {
            assert_eq!(v, 0, "{id}: nothing applied to variance {v}");
            assert!(shares.iter().all(|s| *s == 0), "{id}: {shares:?}");
            assert_eq!((uncovered, carried), (0, 0), "{id}");
        }
    }
    if unit.applied == Applied::Overspend {
        for (p, cap) in unit_caps(plan, spec).into_iter().enumerate() {
            if let Some(cap) = cap {
                assert!(
                    shares[p] <= cap,
                    "{id}: {} bears {} over its cap {cap}",
                    plan.partners[p].id,
                    shares[p]
                );
            }
        }
    }
    let expected = expected_sharing(plan, spec);
    assert_eq!(
        (&shares, uncovered, carried),
        (
            &expected.shares,
            expected.uncovered,
            expected.carried_forward
        ),
        "{id}: allocation, uncovered, carried forward by spec §3 steps 2–4"
    );
    assert_eq!(
        has_finding(outcome, Code::Uncovered, &format!("units.{id}")),
        uncovered > 0,
        "{id}: W-UNCOVERED iff something is uncovered"
    );
}

/// Partner totals (spec §3 step 5) and the plan's totals.
pub(super) fn check_totals(plan: &Plan, outcome: &Outcome) {
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
    let final_costs: i64 = outcome.partners.iter().map(|p| p.final_cost.pence()).sum();
    assert_eq!(
        final_costs,
        t.income.pence() + t.variance.pence() - t.uncovered.pence() + t.carried_forward.pence(),
        "Σ final_cost = income + variance − uncovered + carried_forward"
    );
}

/// Settlement (spec §3 step 6): the netted flows implied by the units, in pair order.
pub(super) fn check_settlement(plan: &Plan, outcome: &Outcome) {
    // (a, b) with a < b → what a owes b, net.
    let mut owed: BTreeMap<(usize, usize), i64> = BTreeMap::new();
    for unit in &outcome.units {
        let g = plan
            .groups
            .iter()
            .position(|g| g.id == unit.group)
            .expect("a unit's group exists");
        let host = plan.groups[g].host;
        for (p, s) in partner_pence(&unit.allocation).into_iter().enumerate() {
            if p == host || s == 0 {
                continue;
            }
            if p < host {
                *owed.entry((p, host)).or_default() += s;
            } else {
                *owed.entry((host, p)).or_default() -= s;
            }
        }
    }
    let expected: Vec<(&str, &str, i64)> = owed
        .into_iter()
        .filter(|(_, net)| *net != 0)
        .map(|((a, b), net)| {
            let (a, b) = (plan.partners[a].id.as_str(), plan.partners[b].id.as_str());
            if net > 0 { (a, b, net) } else { (b, a, -net) }
        })
        .collect();
    let actual: Vec<(&str, &str, i64)> = outcome
        .settlement
        .iter()
        .map(|t| (t.from.as_str(), t.to.as_str(), t.amount.pence()))
        .collect();
    assert_eq!(actual, expected, "settlement");

    // What each partner receives less what it pays equals what it is owed as a host less what
    // it owes as a partner.
    let n = plan.partners.len();
    let mut position = vec![0i64; n];
    for t in &outcome.settlement {
        position[partner_at(plan, &t.to)] += t.amount.pence();
        position[partner_at(plan, &t.from)] -= t.amount.pence();
    }
    let mut implied = vec![0i64; n];
    for unit in &outcome.units {
        let g = plan.groups.iter().position(|g| g.id == unit.group).unwrap();
        let host = plan.groups[g].host;
        for (p, s) in partner_pence(&unit.allocation).into_iter().enumerate() {
            if p != host {
                implied[host] += s;
                implied[p] -= s;
            }
        }
    }
    assert_eq!(position, implied, "each partner's net settlement position");
}
