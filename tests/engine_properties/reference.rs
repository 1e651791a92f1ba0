//! The spec's rules worked independently from a validated plan (spec §3 steps 1–4): risk units,
//! contributions, rule weights, sharing by rule, caps and what each unit should allocate.

use pooled_core::allocation::allocate;
use pooled_core::money::Money;
use pooled_core::plan::model::{Plan, Rule};

/// A risk unit as spec §3 step 1 defines it.
pub(crate) struct UnitSpec {
    pub(crate) id: String,
    pub(crate) group: usize,
    pub(crate) schemes: Vec<usize>,
}

pub(crate) fn expected_units(plan: &Plan) -> Vec<UnitSpec> {
    let mut units = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        let members: Vec<usize> = (0..plan.schemes.len())
            .filter(|s| plan.schemes[*s].group == g)
            .collect();
        if group.per_scheme {
            for s in members {
                units.push(UnitSpec {
                    id: format!("{}/{}", group.id, plan.schemes[s].id),
                    group: g,
                    schemes: vec![s],
                });
            }
        } else if !members.is_empty() {
            units.push(UnitSpec {
                id: group.id.clone(),
                group: g,
                schemes: members,
            });
        }
    }
    units
}

/// cₚ(u): what each partner's streams fund in these schemes.
pub(crate) fn contributions(plan: &Plan, schemes: &[usize]) -> Vec<i64> {
    let mut c = vec![0i64; plan.partners.len()];
    for &s in schemes {
        for line in &plan.schemes[s].funding {
            c[plan.streams[line.stream].partner] += line.amount.pence();
        }
    }
    c
}

/// Cₚ: the sum of each partner's stream amounts.
pub(crate) fn partner_contributions(plan: &Plan) -> Vec<i64> {
    let mut c = vec![0i64; plan.partners.len()];
    for stream in &plan.streams {
        c[stream.partner] += stream.amount.pence();
    }
    c
}

pub(crate) fn sum_budget(plan: &Plan, schemes: &[usize]) -> i64 {
    schemes
        .iter()
        .map(|s| plan.schemes[*s].budget.pence())
        .sum()
}

pub(crate) fn sum_forecast(plan: &Plan, schemes: &[usize]) -> i64 {
    schemes
        .iter()
        .map(|s| plan.schemes[*s].forecast.pence())
        .sum()
}

/// What a unit's rules give each partner, and what is uncovered and carried forward.
pub(crate) struct Sharing {
    pub(crate) shares: Vec<i64>,
    pub(crate) uncovered: i64,
    pub(crate) carried_forward: i64,
}

/// The weights of a rule that is neither tiered nor carry-forward (spec §2.2).
fn rule_weights(plan: &Plan, unit: &UnitSpec, rule: &Rule) -> Vec<i128> {
    let n = plan.partners.len();
    match rule {
        Rule::ProRataContributions => contributions(plan, &unit.schemes)
            .into_iter()
            .map(i128::from)
            .collect(),
        Rule::ProRataCommissioned => {
            let mut w = vec![0i128; n];
            for &s in &unit.schemes {
                let scheme = &plan.schemes[s];
                for (p, percent) in &scheme.commissioners {
                    w[*p] += i128::from(scheme.budget.pence()) * i128::from(percent.millionths());
                }
            }
            w
        }
        Rule::Fixed(weights) => weights.iter().map(|w| i128::from(w.millionths())).collect(),
        Rule::Host => {
            let host = plan.groups[unit.group].host;
            (0..n).map(|p| i128::from(p == host)).collect()
        }
        Rule::ProRataAmounts(amounts) => amounts.iter().map(|a| i128::from(a.pence())).collect(),
        Rule::Tiered(_) | Rule::CarryForward | Rule::Agreed(_) => {
            unreachable!("handled by share_by_rule")
        }
    }
}

/// Spec §3 step 3 for the signed amount `x`.
fn share_by_rule(plan: &Plan, unit: &UnitSpec, rule: &Rule, x: i64) -> Sharing {
    let n = plan.partners.len();
    let mut out = Sharing {
        shares: vec![0; n],
        uncovered: 0,
        carried_forward: 0,
    };
    match rule {
        Rule::CarryForward => out.carried_forward = -x,
        Rule::Agreed(amounts) => {
            let agreed: i64 = amounts.iter().map(|a| a.pence()).sum();
            out.shares = amounts.iter().map(|a| a.pence() * x.signum()).collect();
            if x > 0 {
                out.uncovered = x - agreed;
            } else {
                out.carried_forward = -x - agreed;
            }
        }
        Rule::Tiered(bands) => {
            let magnitude = x.abs();
            let mut lower = 0i64;
            for band in bands {
                let upper = band.up_to.map_or(i64::MAX, Money::pence);
                let slice = magnitude.min(upper) - magnitude.min(lower);
                let part = share_by_rule(plan, unit, &band.rule, slice * x.signum());
                for (total, add) in out.shares.iter_mut().zip(&part.shares) {
                    *total += add;
                }
                out.uncovered += part.uncovered;
                out.carried_forward += part.carried_forward;
                lower = upper;
            }
        }
        other => match allocate(Money::from_pence(x), &rule_weights(plan, unit, other)) {
            Ok(Some(shares)) => out.shares = shares.into_iter().map(Money::pence).collect(),
            Ok(None) if x > 0 => out.uncovered = x,
            Ok(None) => out.carried_forward = -x,
            Err(e) => panic!("allocation within the limits failed: {e}"),
        },
    }
    out
}

/// Each partner's cap in an overspend unit (spec §3 step 4).
pub(crate) fn unit_caps(plan: &Plan, unit: &UnitSpec) -> Vec<Option<i64>> {
    let group = &plan.groups[unit.group];
    let c = contributions(plan, &unit.schemes);
    (0..plan.partners.len())
        .map(|p| {
            let by_contribution = group.cap_at_contribution.then_some(c[p]);
            match (group.caps[p].map(Money::pence), by_contribution) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        })
        .collect()
}

/// Spec §3 steps 2–4 for one unit.
pub(crate) fn expected_sharing(plan: &Plan, unit: &UnitSpec) -> Sharing {
    let group = &plan.groups[unit.group];
    let v = sum_forecast(plan, &unit.schemes) - sum_budget(plan, &unit.schemes);
    let n = plan.partners.len();
    if v == 0 {
        return Sharing {
            shares: vec![0; n],
            uncovered: 0,
            carried_forward: 0,
        };
    }
    if v < 0 {
        return share_by_rule(plan, unit, &group.underspend, v);
    }
    let mut out = share_by_rule(plan, unit, &group.overspend, v);
    let caps = unit_caps(plan, unit);
    let c = contributions(plan, &unit.schemes);
    let mut capped = vec![false; n];
    loop {
        let mut excess = 0;
        for p in 0..n {
            if let Some(cap) = caps[p]
                && out.shares[p] > cap
            {
                excess += out.shares[p] - cap;
                out.shares[p] = cap;
                capped[p] = true;
            }
        }
        if excess == 0 {
            return out;
        }
        let weights: Vec<i128> = (0..n)
            .map(|p| {
                if capped[p] {
                    0
                } else {
                    i128::from(c[p].max(0))
                }
            })
            .collect();
        match allocate(Money::from_pence(excess), &weights).expect("exact") {
            Some(extra) => {
                for (share, add) in out.shares.iter_mut().zip(extra) {
                    *share += add.pence();
                }
            }
            None => {
                out.uncovered += excess;
                return out;
            }
        }
    }
}
