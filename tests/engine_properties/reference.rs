//! The spec's rules worked independently from a validated plan (spec §3 steps 1–6): risk units,
//! contributions, netting, reserves, rule weights, sharing by rule, caps, what each unit should
//! allocate and the settlement flows the units imply.
//!
//! Nothing here calls the engine: only [`allocate`] (spec §1.1) is shared with it.

use std::collections::BTreeMap;

use pooled_core::allocation::allocate;
use pooled_core::money::Money;
use pooled_core::outcome::Applied;
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

/// V = F − B of a unit (spec §3 step 2).
pub(crate) fn unit_variance(plan: &Plan, unit: &UnitSpec) -> i64 {
    sum_forecast(plan, &unit.schemes) - sum_budget(plan, &unit.schemes)
}

/// `allocate` of pence by weights, which must not all be zero.
fn split(amount: i64, weights: &[i128]) -> Vec<i64> {
    allocate(Money::from_pence(amount), weights)
        .expect("allocation within the limits")
        .expect("weights that are not all zero")
        .into_iter()
        .map(Money::pence)
        .collect()
}

/// Spec §3 step 2a: each unit's offset, `Some` exactly for the units of a group in a netting
/// set.
pub(crate) fn expected_offsets(plan: &Plan, units: &[UnitSpec]) -> Vec<Option<i64>> {
    let groups: Vec<usize> = units.iter().map(|u| u.group).collect();
    let variances: Vec<i64> = units.iter().map(|u| unit_variance(plan, u)).collect();
    netting_offsets(&plan.offsets, &groups, &variances)
}

/// Netting of units given by their group positions and variances, in evaluation order, for
/// netting sets of group positions. Worked set by set over only the overspending units
/// (weights V) and only the underspending ones (weights |V|), each list in evaluation order: a
/// unit of weight 0 gets nothing from §1.1, so leaving it out gives the same parts.
pub(crate) fn netting_offsets(
    sets: &[Vec<usize>],
    groups: &[usize],
    variances: &[i64],
) -> Vec<Option<i64>> {
    let mut offsets = vec![None; groups.len()];
    for set in sets {
        let members: Vec<usize> = (0..groups.len())
            .filter(|u| set.contains(&groups[*u]))
            .collect();
        let over: Vec<usize> = members
            .iter()
            .copied()
            .filter(|u| variances[*u] > 0)
            .collect();
        let under: Vec<usize> = members
            .iter()
            .copied()
            .filter(|u| variances[*u] < 0)
            .collect();
        let o: i64 = over.iter().map(|u| variances[*u]).sum();
        let un: i64 = under.iter().map(|u| -variances[*u]).sum();
        let m = o.min(un);
        for &u in &members {
            offsets[u] = Some(0);
        }
        if m == 0 {
            continue;
        }
        let weights: Vec<i128> = over.iter().map(|u| i128::from(variances[*u])).collect();
        for (u, part) in over.iter().zip(split(m, &weights)) {
            offsets[*u] = Some(part);
        }
        let weights: Vec<i128> = under.iter().map(|u| i128::from(-variances[*u])).collect();
        for (u, part) in under.iter().zip(split(m, &weights)) {
            offsets[*u] = Some(-part);
        }
    }
    offsets
}

/// What a unit's rules give each partner, and what is uncovered and carried forward.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sharing {
    pub(crate) shares: Vec<i64>,
    pub(crate) uncovered: i64,
    pub(crate) carried_forward: i64,
    /// Some rule or band with weights summing to zero met a non-zero amount.
    pub(crate) zero_weights: bool,
    /// What zero weights and caps left uncovered (not an agreed rule's difference).
    pub(crate) unshared: i64,
    /// D = |X| − Σ amounts, when an `agreed` rule was applied.
    pub(crate) agreed_difference: Option<i64>,
}

impl Sharing {
    fn nothing(n: usize) -> Sharing {
        Sharing {
            shares: vec![0; n],
            ..Sharing::default()
        }
    }
}

/// The weights of a rule that is neither tiered, carry-forward nor agreed (spec §2.2).
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
    let mut out = Sharing::nothing(n);
    if x == 0 {
        return out;
    }
    match rule {
        Rule::CarryForward => out.carried_forward = -x,
        Rule::Agreed(amounts) => {
            let agreed: i64 = amounts.iter().map(|a| a.pence()).sum();
            out.shares = amounts.iter().map(|a| a.pence() * x.signum()).collect();
            let difference = x.abs() - agreed;
            if x > 0 {
                out.uncovered = difference;
            } else {
                out.carried_forward = difference;
            }
            out.agreed_difference = Some(difference);
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
                out.unshared += part.unshared;
                out.zero_weights |= part.zero_weights;
                assert!(
                    part.agreed_difference.is_none(),
                    "an agreed rule is never a band rule"
                );
                lower = upper;
            }
        }
        other => match allocate(Money::from_pence(x), &rule_weights(plan, unit, other)) {
            Ok(Some(shares)) => out.shares = shares.into_iter().map(Money::pence).collect(),
            Ok(None) => {
                out.zero_weights = true;
                if x > 0 {
                    out.uncovered = x;
                    out.unshared = x;
                } else {
                    out.carried_forward = -x;
                }
            }
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

/// Spec §3 step 4 on an overspend's shares.
fn apply_caps(plan: &Plan, unit: &UnitSpec, out: &mut Sharing) {
    let n = plan.partners.len();
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
            return;
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
                out.unshared += excess;
                return;
            }
        }
    }
}

/// Spec §3 steps 3–4 for one unit's amount to share X.
pub(crate) fn expected_sharing(plan: &Plan, unit: &UnitSpec, x: i64) -> Sharing {
    let group = &plan.groups[unit.group];
    if x == 0 {
        return Sharing::nothing(plan.partners.len());
    }
    if x < 0 {
        return share_by_rule(plan, unit, &group.underspend, x);
    }
    let mut out = share_by_rule(plan, unit, &group.overspend, x);
    apply_caps(plan, unit, &mut out);
    out
}

/// A group's reserve in its unit: what it opened with, what the overspend drew, what it
/// closes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reserve {
    pub(crate) opening: i64,
    pub(crate) drawn: i64,
    pub(crate) closing: i64,
}

/// Everything spec §3 steps 2–4a say about one unit.
pub(crate) struct UnitExpectation {
    pub(crate) spec: UnitSpec,
    pub(crate) variance: i64,
    /// `Some` exactly when the unit's group is in a netting set.
    pub(crate) offset: Option<i64>,
    /// V' = V − o.
    pub(crate) shared_variance: i64,
    /// `Some` exactly when the unit's group has an opening reserve.
    pub(crate) reserve: Option<Reserve>,
    /// X: what the rules share.
    pub(crate) x: i64,
    pub(crate) applied: Applied,
    pub(crate) sharing: Sharing,
    /// The host of the unit (its group's, else the plan's).
    pub(crate) host: usize,
    /// `false` for an aligned budget.
    pub(crate) settles: bool,
}

/// Spec §3 steps 1–4a for every unit, in evaluation order.
pub(crate) fn expected_units_outcome(plan: &Plan) -> Vec<UnitExpectation> {
    let units = expected_units(plan);
    let offsets = expected_offsets(plan, &units);
    units
        .into_iter()
        .zip(offsets)
        .map(|(spec, offset)| {
            let group = &plan.groups[spec.group];
            let variance = unit_variance(plan, &spec);
            let shared_variance = variance - offset.unwrap_or(0);
            let opening = group.opening_reserve.map(Money::pence);
            let drawn = match opening {
                Some(r) if shared_variance > 0 => shared_variance.min(r),
                _ => 0,
            };
            let x = shared_variance - drawn;
            let applied = match x.signum() {
                1 => Applied::Overspend,
                -1 => Applied::Underspend,
                _ => Applied::None,
            };
            let sharing = expected_sharing(plan, &spec, x);
            let reserve = opening.map(|opening| Reserve {
                opening,
                drawn,
                closing: opening - drawn + sharing.carried_forward,
            });
            UnitExpectation {
                variance,
                offset,
                shared_variance,
                reserve,
                x,
                applied,
                sharing,
                host: group.host,
                settles: group.settle,
                spec,
            }
        })
        .collect()
}

/// `totals.reserve_drawn` and `totals.closing_reserve`: `Some` exactly when some group has an
/// opening reserve; a group with no unit closes at its opening reserve.
pub(crate) fn expected_reserve_totals(
    plan: &Plan,
    units: &[UnitExpectation],
) -> Option<(i64, i64)> {
    if plan.groups.iter().all(|g| g.opening_reserve.is_none()) {
        return None;
    }
    let drawn = units
        .iter()
        .filter_map(|u| u.reserve)
        .map(|r| r.drawn)
        .sum();
    let closing = plan
        .groups
        .iter()
        .enumerate()
        .filter_map(|(g, group)| {
            let opening = group.opening_reserve?.pence();
            let in_units: Vec<i64> = units
                .iter()
                .filter(|u| u.spec.group == g)
                .map(|u| {
                    u.reserve
                        .expect("a reserve group's unit has a reserve")
                        .closing
                })
                .collect();
            Some(if in_units.is_empty() {
                opening
            } else {
                in_units.iter().sum()
            })
        })
        .sum();
    Some((drawn, closing))
}

/// Spec §3 step 6: the transfers `(from, to, amount)` by partner position, netted per pair and
/// in pair order. Shares of settling units are owed to the unit's host; an aligned unit gives
/// none; the plan's host owes each netted unit's host (when another partner) its offset.
pub(crate) fn expected_transfers(
    plan: &Plan,
    units: &[UnitExpectation],
) -> Vec<(usize, usize, i64)> {
    // (a, b) with a < b → what a owes b, net.
    let mut owed: BTreeMap<(usize, usize), i64> = BTreeMap::new();
    let mut owe = |debtor: usize, creditor: usize, amount: i64| {
        if debtor == creditor || amount == 0 {
            return;
        }
        if debtor < creditor {
            *owed.entry((debtor, creditor)).or_default() += amount;
        } else {
            *owed.entry((creditor, debtor)).or_default() -= amount;
        }
    };
    for unit in units {
        if unit.settles {
            for (p, s) in unit.sharing.shares.iter().enumerate() {
                owe(p, unit.host, *s);
            }
        }
        if let Some(o) = unit.offset {
            owe(plan.host, unit.host, o);
        }
    }
    owed.into_iter()
        .filter(|(_, net)| *net != 0)
        .map(|((a, b), net)| if net > 0 { (a, b, net) } else { (b, a, -net) })
        .collect()
}
