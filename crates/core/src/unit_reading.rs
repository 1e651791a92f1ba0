//! Each risk-share unit's steps read out in plain English with its figures, and the money the
//! settlement moves for each unit: one reading, used by the board paper, `pooled check` and the
//! window.
//!
//! "Council-hosted pool overspent by £855,555.55. £429,507.08 of it was covered by underspends
//! in ICB-hosted pool (netted against other pools), leaving £426,048.47. The reserve of
//! £250,000.00 brought forward met £250,000.00 of that, leaving £176,048.47 to share, which was
//! shared in proportion to contributions: Example ICB £126,048.47, Example Borough Council
//! £50,000.00. …"
//!
//! Only the steps that apply are read: a unit with neither netting nor a reserve reads as its
//! variance and how it was shared. Every figure is one the outcome holds, or (for a cap's cut)
//! the difference of two figures its working holds.

use crate::money::{Money, MoneyError};
use crate::outcome::{Applied, Outcome, UnitOutcome};
use crate::plan::Plan;
use crate::plan::model::{Group, Rule};

/// Said of a unit of an aligned budget.
pub const ALIGNED_UNIT_SENTENCE: &str =
    "This is an aligned budget: no money moves; each partner bears its share where it spent.";

/// One unit's steps in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct UnitReading {
    /// The unit's id: the group's id, or `GROUP/SCHEME` for a group shared scheme by scheme.
    pub id: String,
    pub group: String,
    /// The steps, one sentence after another.
    pub text: String,
}

/// Every unit's steps, in the outcome's order: what `pooled check` prints under each group.
pub fn unit_readings(plan: &Plan, outcome: &Outcome) -> Result<Vec<UnitReading>, MoneyError> {
    (0..outcome.units.len())
        .map(|u| {
            let unit = &outcome.units[u];
            Ok(UnitReading {
                id: unit.id.clone(),
                group: unit.group.clone(),
                text: unit_steps(plan, &outcome.units, u)?.join(" "),
            })
        })
        .collect()
}

/// The group a unit belongs to, by position.
fn group_of<'a>(plan: &'a Plan, unit: &UnitOutcome) -> Option<(usize, &'a Group)> {
    plan.groups
        .iter()
        .enumerate()
        .find(|(_, g)| g.id == unit.group)
}

/// What a unit is called: its group's name, or `scheme C1 (Intermediate care beds)` for a unit
/// of a group shared scheme by scheme. `capital` starts it with a capital letter.
pub fn unit_label(plan: &Plan, unit: &UnitOutcome, capital: bool) -> String {
    let Some((g, group)) = group_of(plan, unit) else {
        return unit.id.clone();
    };
    if !group.per_scheme {
        return group.name.clone();
    }
    let scheme = plan
        .schemes
        .iter()
        .find(|s| s.group == g && format!("{}/{}", group.id, s.id) == unit.id);
    let word = if capital { "Scheme" } else { "scheme" };
    match scheme {
        Some(s) => format!("{word} {} ({})", s.id, s.name),
        None => format!("{word} {}", unit.id),
    }
}

fn partner(plan: &Plan, p: usize) -> &str {
    plan.partners.get(p).map_or("?", |x| x.name.as_str())
}

/// `A`, `A and B`, `A, B and C`.
fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// `Example ICB £126,048.47, Example Borough Council £50,000.00`, magnitudes, partners with a
/// share only; `; others nothing` when some have none.
fn shares_list(plan: &Plan, shares: &[Money]) -> Result<String, MoneyError> {
    let mut text = named_shares(plan, shares)?;
    if shares.iter().any(|s| s.is_zero()) && !shares.iter().all(|s| s.is_zero()) {
        text.push_str("; others nothing");
    }
    Ok(text)
}

/// The partners with a share and their shares (magnitudes), without saying who has none.
fn named_shares(plan: &Plan, shares: &[Money]) -> Result<String, MoneyError> {
    let mut named = Vec::new();
    for (p, share) in shares.iter().enumerate() {
        if !share.is_zero() {
            named.push(format!("{} {}", partner(plan, p), share.abs()?.to_uk()));
        }
    }
    if named.is_empty() {
        return Ok("nothing to any partner".to_owned());
    }
    Ok(named.join(", "))
}

/// How a (non-tiered) rule shares an amount, after "which was": `shared in proportion to
/// contributions`.
fn rule_words(plan: &Plan, rule: &Rule, host: usize, overspend: bool) -> String {
    match rule {
        Rule::ProRataContributions => "shared in proportion to contributions".to_owned(),
        Rule::ProRataCommissioned => {
            "shared in proportion to what each partner commissions".to_owned()
        }
        Rule::Fixed(weights) => format!(
            "shared in fixed shares ({})",
            crate::rule_reading::fixed_shares(plan, weights)
        ),
        Rule::Host if overspend => format!("borne by the host, {}", partner(plan, host)),
        Rule::Host => format!("returned to the host, {}", partner(plan, host)),
        Rule::CarryForward => "kept in the pool and carried forward".to_owned(),
        Rule::Tiered(_) => "shared in bands".to_owned(),
        Rule::ProRataAmounts(amounts) => format!(
            "shared in proportion to stated amounts ({})",
            crate::rule_reading::stated_amounts(plan, amounts)
        ),
        Rule::Agreed(_) => "shared as the partnership board decided and recorded".to_owned(),
    }
}

/// The units of the netting set a unit is in, other than itself, that netted the other way:
/// named by group (`other schemes of its group` for its own), in evaluation order.
fn netted_with(plan: &Plan, units: &[UnitOutcome], u: usize) -> String {
    let unit = &units[u];
    let Some((g, _)) = group_of(plan, unit) else {
        return String::new();
    };
    let Some(set) = plan.offsets.iter().find(|set| set.contains(&g)) else {
        return String::new();
    };
    let sign = unit.offset.map_or(0, |o| o.pence().signum());
    let mut names: Vec<String> = Vec::new();
    for (k, other) in units.iter().enumerate() {
        if k == u || other.offset.map_or(0, |o| o.pence().signum()) != -sign {
            continue;
        }
        let Some((h, group)) = group_of(plan, other) else {
            continue;
        };
        if !set.contains(&h) {
            continue;
        }
        let name = if h == g {
            "other schemes of its group".to_owned()
        } else {
            group.name.clone()
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    join_names(&names)
}

/// The sentence being built: the steps so far, and the clause now open, which ends with the
/// amount in hand.
struct Steps {
    done: Vec<String>,
    open: String,
}

impl Steps {
    fn close(&mut self) {
        let mut sentence = std::mem::take(&mut self.open);
        if !sentence.is_empty() {
            sentence.push('.');
            self.done.push(sentence);
        }
    }

    fn push(&mut self, sentence: String) {
        self.close();
        self.done.push(sentence);
    }
}

/// Unit `u`'s steps, one sentence each (a step that leads into the next shares its sentence):
/// variance → netted against other pools → drawn from the reserve → shared → capped → carried
/// forward into the reserve → aligned budget.
pub fn unit_steps(plan: &Plan, units: &[UnitOutcome], u: usize) -> Result<Vec<String>, MoneyError> {
    let unit = &units[u];
    let Some((_, group)) = group_of(plan, unit) else {
        return Ok(Vec::new());
    };
    let variance = unit.variance;
    let after_netting = unit.shared_variance.unwrap_or(variance);
    let shared = unit.shared_amount();
    let overspend = variance.is_positive();
    let mut steps = Steps {
        done: Vec::new(),
        open: String::new(),
    };
    let mut reserve_named = false;

    if variance.is_zero() {
        steps.push(format!(
            "{}: the forecast outturn equals the budget, so there is nothing to share.",
            unit_label(plan, unit, true)
        ));
    } else {
        steps.open = format!(
            "{} {} by {}",
            unit_label(plan, unit, true),
            if overspend { "overspent" } else { "underspent" },
            variance.abs()?.to_uk()
        );
        // The amount in hand is the variance; each step below says what is left of it.
        let mut leaving: Option<Money> = None;
        if let Some(offset) = unit.offset {
            if offset.is_zero() {
                steps.open.push_str(&format!(
                    " (there were no {} in its netting set to net it against)",
                    if overspend {
                        "underspends"
                    } else {
                        "overspends"
                    }
                ));
            } else {
                steps.close();
                let verb = if overspend {
                    "was covered by underspends in"
                } else {
                    "went to cover overspends in"
                };
                steps.open = format!(
                    "{} of it {verb} {} (netted against other pools)",
                    offset.abs()?.to_uk(),
                    netted_with(plan, units, u)
                );
                leaving = Some(after_netting);
            }
        }
        if let Some(reserve) = unit.reserve
            && after_netting.is_positive()
        {
            reserve_named = true;
            let that = if leaving.is_some() { "that" } else { "it" };
            let text = if reserve.opening.is_zero() {
                format!(
                    "The reserve brought forward is {}, so it met none of {that}",
                    reserve.opening.to_uk()
                )
            } else if reserve.drawn == after_netting {
                format!(
                    "The reserve of {} brought forward met all of {that}",
                    reserve.opening.to_uk()
                )
            } else {
                format!(
                    "The reserve of {} brought forward met {} of {that}",
                    reserve.opening.to_uk(),
                    reserve.drawn.to_uk()
                )
            };
            if let Some(left) = leaving {
                steps
                    .open
                    .push_str(&format!(", leaving {}", left.abs()?.to_uk()));
            }
            steps.close();
            steps.open = text;
            leaving = Some(shared);
        }
        if let Some(left) = leaving {
            if left.is_zero() {
                steps.open.push_str(", leaving nothing to share");
            } else {
                steps
                    .open
                    .push_str(&format!(", leaving {} to share", left.abs()?.to_uk()));
            }
        }
        if !shared.is_zero() {
            share_step(plan, unit, group, &mut steps, shared != variance)?;
        }
        steps.close();
    }

    if let Some(reserve) = unit.reserve {
        let cf = unit.carried_forward;
        let sentence = if cf.is_positive() {
            format!(
                "{} was carried forward into the reserve, which closes at {}{}.",
                cf.to_uk(),
                reserve.closing.to_uk(),
                if reserve_named {
                    String::new()
                } else {
                    format!(", having opened at {}", reserve.opening.to_uk())
                }
            )
        } else if cf.is_negative() {
            format!(
                "The {} returned beyond the underspend comes out of the reserve of {} brought forward, which closes at {}.",
                cf.abs()?.to_uk(),
                reserve.opening.to_uk(),
                reserve.closing.to_uk()
            )
        } else if reserve_named {
            format!("The reserve closes at {}.", reserve.closing.to_uk())
        } else {
            format!(
                "The reserve of {} brought forward is not drawn on and closes at {}.",
                reserve.opening.to_uk(),
                reserve.closing.to_uk()
            )
        };
        steps.push(sentence);
    }
    if !unit.settles() {
        steps.push(ALIGNED_UNIT_SENTENCE.to_owned());
    }
    steps.close();
    Ok(steps.done)
}

/// How the amount to share was shared: appended to the open clause ("…, which was shared in
/// proportion to contributions: A £1.00, B £2.00"), then any agreed difference and caps.
fn share_step(
    plan: &Plan,
    unit: &UnitOutcome,
    group: &Group,
    steps: &mut Steps,
    reduced: bool,
) -> Result<(), MoneyError> {
    let overspend = unit.applied == Applied::Overspend;
    let rule = if overspend {
        &group.overspend
    } else {
        &group.underspend
    };
    let w = &unit.working;
    let what = match (reduced, overspend) {
        (true, _) => "the amount to share",
        (false, true) => "the overspend",
        (false, false) => "the underspend",
    };
    let finals = unit.allocation.amounts();
    match rule {
        // With a reserve, the closing sentence says where it is carried forward to.
        Rule::CarryForward if unit.reserve.is_some() => {
            steps.open.push_str(", which stays in the pool");
        }
        Rule::CarryForward => {
            steps
                .open
                .push_str(", which stays in the pool and is carried forward");
        }
        Rule::Tiered(bands) => {
            let mut parts = Vec::new();
            let mut below: Option<Money> = None;
            for (k, slice) in w.slices.iter().enumerate() {
                let band_rule = bands.get(k).map_or(rule, |b| &b.rule);
                let range = match (below, slice.up_to) {
                    (None, _) => format!("the first {}", slice.amount.abs()?.to_uk()),
                    (Some(low), Some(high)) => format!(
                        "the {} from {} to {}",
                        slice.amount.abs()?.to_uk(),
                        low.to_uk(),
                        high.to_uk()
                    ),
                    (Some(low), None) => {
                        format!("the {} above {}", slice.amount.abs()?.to_uk(), low.to_uk())
                    }
                };
                below = slice.up_to;
                if slice.amount.is_zero() {
                    continue;
                }
                let how = rule_words(plan, band_rule, group.host, overspend);
                let how = how.strip_prefix("shared ").unwrap_or(&how);
                if slice.zero_weights {
                    parts.push(format!(
                        "{range} could not be shared, as every weight is zero, so {}",
                        if overspend {
                            "it falls to no partner (uncovered)"
                        } else {
                            "it stays in the pool"
                        }
                    ));
                } else if *band_rule == Rule::Host {
                    parts.push(format!("{range} {how}"));
                } else {
                    parts.push(format!(
                        "{range} {how}, giving {}",
                        named_shares(plan, &slice.shares)?
                    ));
                }
            }
            steps.open.push_str(&format!(
                ", which was shared in bands: {}",
                parts.join("; ")
            ));
            if parts.len() > 1 && w.cap_rounds.is_empty() {
                steps.close();
                steps.open = format!("In all: {}", shares_list(plan, finals)?);
            }
        }
        _ => {
            let how = rule_words(plan, rule, group.host, overspend);
            let slice = w.slices.first();
            if slice.is_some_and(|s| s.zero_weights) {
                steps.open.push_str(&format!(
                    ", which could not be {how}, as every weight is zero, so {}",
                    if overspend {
                        "it falls to no partner (uncovered)"
                    } else {
                        "it stays in the pool and is carried forward"
                    }
                ));
            } else {
                let before_caps = slice.map_or(finals, |s| s.shares.as_slice());
                steps.open.push_str(&format!(
                    ", which was {how}: {}",
                    shares_list(plan, before_caps)?
                ));
            }
            if let Some(difference) = slice.and_then(|s| s.agreed_difference)
                && !difference.is_zero()
            {
                let size = difference.abs()?.to_uk();
                let rest = match (difference.is_positive(), overspend) {
                    (true, true) => format!(
                        "the agreed amounts add up to {size} less than {what}, which falls to no partner (uncovered)"
                    ),
                    (true, false) => format!(
                        "the agreed amounts add up to {size} less than {what}, which stays in the pool"
                    ),
                    (false, true) => format!(
                        "the agreed amounts add up to {size} more than {what}, so the partners are charged {size} more than it"
                    ),
                    (false, false) => format!(
                        "the agreed amounts add up to {size} more than {what}, so the partners are paid back {size} more than it"
                    ),
                };
                steps.open.push_str(&format!("; {rest}"));
            }
        }
    }
    if !w.cap_rounds.is_empty() {
        steps.push(caps_sentence(plan, unit)?);
    }
    Ok(())
}

/// What the caps did: whose share was cut back to which cap, and where the cut went.
fn caps_sentence(plan: &Plan, unit: &UnitOutcome) -> Result<String, MoneyError> {
    let w = &unit.working;
    let n = plan.partners.len();
    let mut before = vec![Money::ZERO; n];
    for slice in &w.slices {
        for (total, add) in before.iter_mut().zip(&slice.shares) {
            *total = total.checked_add(*add)?;
        }
    }
    let finals = unit.allocation.amounts();
    let mut capped: Vec<usize> = Vec::new();
    for round in &w.cap_rounds {
        for &p in &round.capped {
            if !capped.contains(&p) {
                capped.push(p);
            }
        }
    }
    capped.sort_unstable();
    let mut cut = Money::ZERO;
    let mut clauses = Vec::new();
    for &p in &capped {
        let final_share = finals.get(p).copied().unwrap_or(Money::ZERO);
        let start = before.get(p).copied().unwrap_or(Money::ZERO);
        cut = cut.checked_add(start.checked_sub(final_share)?)?;
        clauses.push(format!(
            "{}'s share of {} was cut back to its cap of {}",
            partner(plan, p),
            start.to_uk(),
            final_share.to_uk()
        ));
    }
    let receivers: Vec<&str> = (0..n)
        .filter(|p| !capped.contains(p))
        .filter(|&p| finals.get(p) != before.get(p))
        .map(|p| partner(plan, p))
        .collect();
    let uncovered = Money::checked_sum(w.cap_rounds.iter().map(|r| r.uncovered))?;
    let passed = if receivers.is_empty() {
        format!(
            "the {} cut off falls to no partner (uncovered), as no partner was left to take it",
            cut.to_uk()
        )
    } else if uncovered.is_zero() {
        format!(
            "the {} cut off was passed to {} in proportion to contributions",
            cut.to_uk(),
            join_names(&receivers)
        )
    } else {
        format!(
            "of the {} cut off, {} was passed to {} in proportion to contributions and {} falls to no partner (uncovered), as no partner was left to take it",
            cut.to_uk(),
            cut.checked_sub(uncovered)?.to_uk(),
            join_names(&receivers),
            uncovered.to_uk()
        )
    };
    Ok(format!(
        "Caps: {}; {passed}. Final shares: {}.",
        join_names(&clauses),
        shares_list(plan, finals)?
    ))
}

/// What a settlement flow is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    /// A partner's share in a unit, owed to (or, for an underspend, by) the unit's host.
    Share,
    /// A unit's netting, passed between the plan's host and the unit's host (spec §3 step 6).
    Netting,
}

/// One flow of spec §3 step 6 before flows are netted per pair: `from` pays `to` `amount`
/// (always positive) for unit `unit` (a position in the outcome's units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettlementFlow {
    pub unit: usize,
    pub kind: FlowKind,
    pub from: usize,
    pub to: usize,
    pub amount: Money,
}

/// Every flow of the settlement, unit by unit in the outcome's order: each partner's share to
/// or from the unit's host (none for an aligned budget), then the unit's netting between the
/// plan's host and the unit's host. Netted per pair ([`net_flows`]) they are the outcome's
/// settlement.
pub fn settlement_flows(plan: &Plan, outcome: &Outcome) -> Result<Vec<SettlementFlow>, MoneyError> {
    let mut flows = Vec::new();
    let mut owe = |unit, kind, debtor: usize, creditor: usize, amount: Money| {
        if debtor == creditor || amount.is_zero() {
            return Ok::<(), MoneyError>(());
        }
        let (from, to) = if amount.is_positive() {
            (debtor, creditor)
        } else {
            (creditor, debtor)
        };
        flows.push(SettlementFlow {
            unit,
            kind,
            from,
            to,
            amount: amount.abs()?,
        });
        Ok(())
    };
    for (u, unit) in outcome.units.iter().enumerate() {
        let Some((_, group)) = group_of(plan, unit) else {
            continue;
        };
        if unit.settles() {
            for (p, &share) in unit.allocation.amounts().iter().enumerate() {
                owe(u, FlowKind::Share, p, group.host, share)?;
            }
        }
        if let Some(offset) = unit.offset {
            owe(u, FlowKind::Netting, plan.host, group.host, offset)?;
        }
    }
    Ok(flows)
}

/// Flows netted per pair of partners: `(from, to, amount > 0)`, ordered by the earlier-listed
/// partner of the pair, then the later-listed one (as the outcome's settlement is).
pub fn net_flows(flows: &[SettlementFlow]) -> Result<Vec<(usize, usize, Money)>, MoneyError> {
    let mut owed: std::collections::BTreeMap<(usize, usize), Money> = Default::default();
    for f in flows {
        let (key, signed) = if f.from < f.to {
            ((f.from, f.to), f.amount)
        } else {
            ((f.to, f.from), f.amount.checked_neg()?)
        };
        let entry = owed.entry(key).or_insert(Money::ZERO);
        *entry = entry.checked_add(signed)?;
    }
    let mut out = Vec::new();
    for ((a, b), net) in owed {
        if net.is_positive() {
            out.push((a, b, net));
        } else if net.is_negative() {
            out.push((b, a, net.abs()?));
        }
    }
    Ok(out)
}

/// For each pair of partners with more than one flow, how the flows net to the pair's
/// transfer: "Netted: Example ICB pays Example Borough Council £126,048.47 + £489,749.63 −
/// £60,242.55 = £555,555.55." Pairs in the order of the settlement.
pub fn netting_sums(plan: &Plan, flows: &[SettlementFlow]) -> Result<Vec<String>, MoneyError> {
    let mut pairs: Vec<(usize, usize)> = flows
        .iter()
        .map(|f| (f.from.min(f.to), f.from.max(f.to)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut sentences = Vec::new();
    for (a, b) in pairs {
        let between: Vec<&SettlementFlow> = flows
            .iter()
            .filter(|f| (f.from.min(f.to), f.from.max(f.to)) == (a, b))
            .collect();
        if between.len() < 2 {
            continue;
        }
        let net = net_flows(&between.iter().map(|f| (*f).clone()).collect::<Vec<_>>())?;
        // The direction of the net transfer; a pair that cancels out is read from a to b.
        let (from, to, amount) = net.first().copied().unwrap_or((a, b, Money::ZERO));
        let mut terms = String::new();
        for (i, f) in between.iter().enumerate() {
            let along = f.from == from;
            let sign = match (i, along) {
                (0, true) => "",
                (0, false) => "−",
                (_, true) => " + ",
                (_, false) => " − ",
            };
            terms.push_str(sign);
            terms.push_str(&f.amount.to_uk());
        }
        sentences.push(if amount.is_zero() {
            format!(
                "Netted: what {} and {} owe each other cancels out: {terms} = {}.",
                partner(plan, from),
                partner(plan, to),
                amount.to_uk()
            )
        } else {
            format!(
                "Netted: {} pays {} {terms} = {}.",
                partner(plan, from),
                partner(plan, to),
                amount.to_uk()
            )
        });
    }
    Ok(sentences)
}

/// A flow in words: "Netting between pools: Example Borough Council pays Example ICB
/// £60,242.55, the part of the overspend of scheme C1 (Intermediate care beds) covered by
/// underspends elsewhere, passed from the plan's host to the unit's host."
pub fn flow_sentence(plan: &Plan, outcome: &Outcome, flow: &SettlementFlow) -> String {
    let Some(unit) = outcome.units.get(flow.unit) else {
        return String::new();
    };
    let pays = format!(
        "{} pays {} {}",
        partner(plan, flow.from),
        partner(plan, flow.to),
        flow.amount.to_uk()
    );
    let label = unit_label(plan, unit, false);
    let overspend = unit.variance.is_positive();
    match flow.kind {
        FlowKind::Share => {
            let (whose, side) = if overspend {
                (partner(plan, flow.from), "overspend")
            } else {
                (partner(plan, flow.to), "underspend")
            };
            format!("Share of {label}: {pays}, {whose}'s share of the {side}.")
        }
        FlowKind::Netting => {
            if overspend {
                format!(
                    "Netting between pools: {pays}, the part of the overspend of {label} covered \
                     by underspends elsewhere, passed from the plan's host to the unit's host."
                )
            } else {
                format!(
                    "Netting between pools: {pays}, the part of the underspend of {label} used to \
                     cover overspends elsewhere, passed from the unit's host to the plan's host."
                )
            }
        }
    }
}

/// The groups whose units move no money (aligned budgets) and have a unit, as sentences.
pub fn aligned_sentences(plan: &Plan, outcome: &Outcome) -> Vec<String> {
    plan.groups
        .iter()
        .filter(|g| !g.settle && outcome.units.iter().any(|u| u.group == g.id))
        .map(|g| {
            format!(
                "{} is an aligned budget: its shares are in the partners' final costs, but no \
                 money moves for them; each partner bears its share where it spent.",
                g.name
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::plan::{read_plan_bytes, validate};

    fn example(name: &str) -> (Plan, Outcome) {
        let path = format!(
            "{}/fixtures/examples/{name}.plan.json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
        );
        let bytes = std::fs::read(path).unwrap();
        let plan = validate(&read_plan_bytes(&bytes).unwrap()).unwrap();
        let outcome = evaluate(&plan).unwrap();
        (plan, outcome)
    }

    fn steps(plan: &Plan, outcome: &Outcome, id: &str) -> String {
        let u = outcome.units.iter().position(|u| u.id == id).unwrap();
        unit_steps(plan, &outcome.units, u).unwrap().join(" ")
    }

    #[test]
    fn reads_netting_a_reserve_drawn_and_a_cap() {
        let (plan, outcome) = example("reserve-and-offsets");
        assert_eq!(
            steps(&plan, &outcome, "council-pool"),
            "Council-hosted pool overspent by £855,555.55. £429,507.08 of it was covered by \
             underspends in ICB-hosted pool, each scheme on its own (netted against other pools), \
             leaving £426,048.47. The reserve of £250,000.00 brought forward met £250,000.00 of \
             that, leaving £176,048.47 to share, which was shared in proportion to \
             contributions: Example ICB £118,894.51, Example Borough Council £57,153.96. Caps: \
             Example Borough Council's share of £57,153.96 was cut back to its cap of \
             £50,000.00; the \
             £7,153.96 cut off was passed to Example ICB in proportion to contributions. Final \
             shares: Example ICB £126,048.47, Example Borough Council £50,000.00. The reserve \
             closes at £0.00."
        );
        assert_eq!(
            steps(&plan, &outcome, "icb-pool/C1"),
            "Scheme C1 (Intermediate care beds) overspent by £120,000.00. £60,242.55 of it was \
             covered by underspends in other schemes of its group (netted against other pools), \
             leaving £59,757.45 to share, which was shared in proportion to what each partner \
             commissions: Example ICB £59,757.45; others nothing."
        );
        assert_eq!(
            steps(&plan, &outcome, "icb-pool/C2"),
            "Scheme C2 (Care co-ordination) underspent by £489,749.63. £489,749.63 of it went to \
             cover overspends in Council-hosted pool and other schemes of its group (netted \
             against other pools), leaving nothing to share."
        );
        assert_eq!(
            steps(&plan, &outcome, "discharge"),
            "Discharge funds underspent by £126,543.22, which stays in the pool. £126,543.22 was \
             carried forward into the reserve, which closes at £166,543.22, having \
             opened at £40,000.00."
        );
    }

    #[test]
    fn reads_an_aligned_budget() {
        let (plan, outcome) = example("aligned-no-settlement");
        assert_eq!(
            steps(&plan, &outcome, "aligned/TF-1"),
            "Scheme TF-1 (Integrated neighbourhood teams) underspent by £41,999.99, which was \
             shared in proportion to what each partner commissions: Example Borough Council \
             £21,000.00, NHS Example CCG £20,999.99; others nothing. This is an aligned budget: \
             no money moves; each partner bears its share where it spent."
        );
        assert_eq!(
            steps(&plan, &outcome, "pooled"),
            "Pooled budget overspent by £53,000.00, which was shared in proportion to \
             contributions: Example Borough Council £13,610.68, NHS Example CCG £39,389.32; \
             others nothing."
        );
    }

    #[test]
    fn reads_agreed_amounts_and_stated_amounts() {
        let (plan, outcome) = example("agreed-and-amounts");
        assert_eq!(
            steps(&plan, &outcome, "discharge"),
            "Discharge funds underspent by £262,345.67, which was shared as the partnership \
             board decided and recorded: Example Metropolitan Borough Council £100,000.00, \
             Example ICB (locality) £150,000.00; the agreed amounts add up to £12,345.67 less \
             than the underspend, which stays in the pool."
        );
        assert_eq!(
            steps(&plan, &outcome, "winter"),
            "Winter pressures overspent by £75,678.90, which was shared as the partnership board \
             decided and recorded: Example Metropolitan Borough Council £30,000.00, Example ICB \
             (locality) £45,678.90."
        );
        let shared = steps(&plan, &outcome, "shared");
        assert!(
            shared.starts_with(
                "Shared risk pool overspent by £1,234,567.89, which was shared in bands: the \
                 first £300,000.00 in proportion to contributions, giving"
            ),
            "{shared}"
        );
        assert!(
            shared.contains(
                "the £934,567.89 above £300,000.00 in proportion to stated amounts (Example \
                 Metropolitan Borough Council £95,312,000.00, Example ICB (locality) \
                 £141,880,500.00), giving"
            ),
            "{shared}"
        );
        assert!(
            shared.ends_with(
                "In all: Example Metropolitan Borough Council £461,255.40, Example ICB (locality) \
                 £773,312.49."
            ),
            "{shared}"
        );
    }

    #[test]
    fn a_plan_without_the_new_features_reads_its_variance_and_shares() {
        let (plan, outcome) = example("fixed-50-50");
        let text = steps(&plan, &outcome, &outcome.units[0].id.clone());
        assert!(
            !text.contains("netted") && !text.contains("reserve"),
            "{text}"
        );
        assert!(
            text.contains("overspent by £600,000.00, which was shared in fixed shares"),
            "{text}"
        );
    }

    /// The fixed-50-50 example (an overspend of £600,000.00) with its group changed.
    fn fixed_with(change: impl Fn(&mut serde_json::Value)) -> (Plan, Outcome) {
        let path = format!(
            "{}/fixtures/examples/fixed-50-50.plan.json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
        );
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        change(&mut value["risk_share"]["groups"][0]);
        let bytes = serde_json::to_vec(&value).unwrap();
        let plan = validate(&read_plan_bytes(&bytes).unwrap()).unwrap();
        let outcome = evaluate(&plan).unwrap();
        (plan, outcome)
    }

    #[test]
    fn reads_a_reserve_that_meets_all_of_an_overspend() {
        let (plan, outcome) = fixed_with(|g| {
            g["opening_reserve"] = "700000.00".into();
        });
        assert_eq!(
            steps(&plan, &outcome, "pool"),
            "Whole pool overspent by £600,000.00. The reserve of £700,000.00 brought forward met \
             all of it, leaving nothing to share. The reserve closes at £100,000.00."
        );
        let (plan, outcome) = fixed_with(|g| {
            g["opening_reserve"] = "0.00".into();
        });
        assert!(
            steps(&plan, &outcome, "pool").starts_with(
                "Whole pool overspent by £600,000.00. The reserve brought forward is £0.00, so it \
                 met none of it, leaving £600,000.00 to share, which was shared in fixed shares"
            ),
            "{}",
            steps(&plan, &outcome, "pool")
        );
    }

    #[test]
    fn reads_agreed_amounts_that_exceed_the_overspend() {
        let (plan, outcome) = fixed_with(|g| {
            g["overspend"] = serde_json::json!(
                {"method": "agreed", "amounts": {"council": "400000.00", "ccg": "250000.00"}}
            );
        });
        assert_eq!(
            steps(&plan, &outcome, "pool"),
            "Whole pool overspent by £600,000.00, which was shared as the partnership board \
             decided and recorded: Telford & Wrekin Council £400,000.00, Telford and Wrekin CCG \
             £250,000.00; the agreed amounts add up to £50,000.00 more than the overspend, so the \
             partners are charged £50,000.00 more than it."
        );
    }

    #[test]
    fn the_flows_net_to_the_settlement() {
        for name in [
            "reserve-and-offsets",
            "aligned-no-settlement",
            "agreed-and-amounts",
            "fixed-50-50",
            "tiered-bands-caps",
            "two-hosts-reserve-caps",
            "own-risk-per-scheme",
            "contracts-and-breach",
        ] {
            let (plan, outcome) = example(name);
            let flows = settlement_flows(&plan, &outcome).unwrap();
            let netted: Vec<(String, String, Money)> = net_flows(&flows)
                .unwrap()
                .into_iter()
                .map(|(a, b, m)| (plan.partners[a].id.clone(), plan.partners[b].id.clone(), m))
                .collect();
            let settlement: Vec<(String, String, Money)> = outcome
                .settlement
                .iter()
                .map(|t| (t.from.clone(), t.to.clone(), t.amount))
                .collect();
            assert_eq!(netted, settlement, "{name}");
        }
    }

    #[test]
    fn reads_the_netting_flows() {
        let (plan, outcome) = example("reserve-and-offsets");
        let flows = settlement_flows(&plan, &outcome).unwrap();
        let lines: Vec<String> = flows
            .iter()
            .map(|f| flow_sentence(&plan, &outcome, f))
            .collect();
        assert_eq!(
            lines,
            [
                "Share of Council-hosted pool: Example ICB pays Example Borough Council \
                 £126,048.47, Example ICB's share of the overspend.",
                "Netting between pools: Example Borough Council pays Example ICB £60,242.55, the \
                 part of the overspend of scheme C1 (Intermediate care beds) covered by \
                 underspends elsewhere, passed from the plan's host to the unit's host.",
                "Netting between pools: Example ICB pays Example Borough Council £489,749.63, the \
                 part of the underspend of scheme C2 (Care co-ordination) used to cover \
                 overspends elsewhere, passed from the unit's host to the plan's host.",
            ]
        );
        assert_eq!(
            netting_sums(&plan, &flows).unwrap(),
            [
                "Netted: Example ICB pays Example Borough Council £126,048.47 − £60,242.55 + \
              £489,749.63 = £555,555.55."
            ]
        );
        let (plan, outcome) = example("aligned-no-settlement");
        assert_eq!(
            aligned_sentences(&plan, &outcome),
            [
                "Pooled aligned budgets (lead commissioners) is an aligned budget: its shares are in \
              the partners' final costs, but no money moves for them; each partner bears its \
              share where it spent."
            ]
        );
    }
}
