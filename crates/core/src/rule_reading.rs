//! Risk-share rules read out in plain English: one reading, used by the board paper, `pooled
//! check` and the window.
//!
//! "Overspends up to £250,000.00 fall to the host (Northbrook Council); from £250,000.00 to
//! £1,000,000.00 they are shared in fixed shares (Northbrook Council 50, Eastmoor ICB 15);
//! above £1,000,000.00 they are shared in proportion to contributions. Eastmoor ICB pays at
//! most £400,000.00 towards an overspend."

use crate::plan::Plan;
use crate::plan::model::{Group, Rule};

/// Which side of the budget a rule deals with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Overspend,
    Underspend,
}

/// What a (non-tiered) rule does with an amount, as the end of a sentence whose subject is
/// the amount: "fall to the host (Northbrook Council)".
pub fn phrase(plan: &Plan, rule: &Rule, host: usize, side: Side) -> String {
    let verb = match side {
        Side::Overspend => "shared",
        Side::Underspend => "returned",
    };
    match rule {
        Rule::ProRataContributions => {
            format!("{verb} in proportion to what each partner contributes to the schemes")
        }
        Rule::ProRataCommissioned => {
            format!("{verb} in proportion to what each partner commissions")
        }
        Rule::Fixed(weights) => format!("{verb} in fixed shares ({})", fixed_shares(plan, weights)),
        Rule::Host => match side {
            Side::Overspend => format!("fall to the host ({})", partner(plan, host)),
            Side::Underspend => format!("go to the host ({})", partner(plan, host)),
        },
        Rule::CarryForward => "stay in the pool and are carried forward".to_owned(),
        Rule::Tiered(_) => format!("{verb} in bands"),
        Rule::ProRataAmounts(amounts) => format!(
            "{verb} in proportion to stated amounts ({})",
            stated_amounts(plan, amounts)
        ),
        Rule::Agreed(amounts) => {
            let what = match side {
                Side::Overspend => "charged",
                Side::Underspend => "returned",
            };
            format!(
                "{what} as the partnership board decided and recorded ({})",
                stated_amounts(plan, amounts)
            )
        }
    }
}

/// `Northbrook Council £95,312,000.00, Eastmoor ICB £141,880,500.00; others nothing`.
pub fn stated_amounts(plan: &Plan, amounts: &[crate::money::Money]) -> String {
    let named: Vec<String> = amounts
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.is_zero())
        .map(|(p, a)| format!("{} {}", partner(plan, p), a.to_uk()))
        .collect();
    if named.is_empty() {
        return "nothing to any partner".to_owned();
    }
    let mut text = named.join(", ");
    if named.len() < amounts.len() {
        text.push_str("; others nothing");
    }
    text
}

/// `Northbrook Council 50, Eastmoor ICB 15; others nothing`.
pub fn fixed_shares(plan: &Plan, weights: &[crate::weight::Weight]) -> String {
    let named: Vec<String> = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_zero())
        .map(|(p, w)| format!("{} {w}", partner(plan, p)))
        .collect();
    let mut text = named.join(", ");
    if named.len() < weights.len() {
        text.push_str("; others nothing");
    }
    text
}

/// The range of one band, for a table row: `first £250,000.00`, `£250,000.00 to
/// £1,000,000.00`, `above £1,000,000.00`.
pub fn band_range(
    below: Option<crate::money::Money>,
    up_to: Option<crate::money::Money>,
) -> String {
    match (below, up_to) {
        (None, Some(top)) => format!("first {}", top.to_uk()),
        (Some(low), Some(top)) => format!("{} to {}", low.to_uk(), top.to_uk()),
        (Some(low), None) => format!("above {}", low.to_uk()),
        (None, None) => "all of it".to_owned(),
    }
}

/// A phrase made into a predicate: "are shared …", but "fall to the host …" as it stands.
fn predicate(phrase: &str) -> String {
    if ["fall ", "go ", "stay "]
        .iter()
        .any(|v| phrase.starts_with(v))
    {
        phrase.to_owned()
    } else {
        format!("are {phrase}")
    }
}

/// The whole rule for one side: one sentence, or one clause per band for a tiered rule.
pub fn rule_sentence(plan: &Plan, rule: &Rule, host: usize, side: Side) -> String {
    let subject = match side {
        Side::Overspend => "Overspends",
        Side::Underspend => "Underspends",
    };
    let Rule::Tiered(bands) = rule else {
        return format!("{subject} {}.", predicate(&phrase(plan, rule, host, side)));
    };
    let mut clauses = Vec::new();
    let mut below: Option<crate::money::Money> = None;
    for (i, band) in bands.iter().enumerate() {
        let what = predicate(&phrase(plan, &band.rule, host, side));
        let they = if i == 0 { subject } else { "they" };
        let range = match (below, band.up_to) {
            (None, Some(top)) => format!("up to {}", top.to_uk()),
            (Some(low), Some(top)) => format!("from {} to {}", low.to_uk(), top.to_uk()),
            (Some(low), None) => format!("above {}", low.to_uk()),
            (None, None) => String::new(),
        };
        let clause = if i == 0 {
            format!("{they} {range} {what}")
        } else {
            format!("{range} {they} {what}")
        };
        clauses.push(clause.split_whitespace().collect::<Vec<_>>().join(" "));
        below = band.up_to;
    }
    format!("{}.", clauses.join("; "))
}

/// The caps of a group, as sentences; empty when it has none.
pub fn caps_sentence(plan: &Plan, group: &Group) -> String {
    let mut sentences: Vec<String> = group
        .caps
        .iter()
        .enumerate()
        .filter_map(|(p, cap)| {
            cap.map(|c| {
                format!(
                    "{} pays at most {} towards an overspend{}.",
                    partner(plan, p),
                    c.to_uk(),
                    if group.per_scheme {
                        " on each scheme"
                    } else {
                        ""
                    }
                )
            })
        })
        .collect();
    if group.cap_at_contribution {
        sentences.push(
            "No partner pays more towards an overspend than it puts into the schemes concerned."
                .to_owned(),
        );
    }
    if !sentences.is_empty() {
        sentences.push(
            "What a cap cuts off is passed to the partners not capped that contribute, in proportion to their contributions."
                .to_owned(),
        );
    }
    sentences.join(" ")
}

/// The netting set a group is in, as a sentence naming the other groups; empty when in none.
pub fn netting_sentence(plan: &Plan, group: &Group) -> String {
    let Some(g) = plan.groups.iter().position(|x| x.id == group.id) else {
        return String::new();
    };
    let Some(set) = plan.offsets.iter().find(|set| set.contains(&g)) else {
        return String::new();
    };
    let others: Vec<&str> = set
        .iter()
        .filter(|&&k| k != g)
        .map(|&k| plan.groups[k].name.as_str())
        .collect();
    format!(
        "Before anything is shared, its overspends and underspends are netted against those of {}.",
        join_names(&others)
    )
}

/// The reserve a group keeps, as a sentence; empty when it keeps none.
pub fn reserve_sentence(group: &Group) -> String {
    match group.opening_reserve {
        Some(reserve) => format!(
            "It brings forward a reserve of {} from earlier years, which meets an overspend before any partner pays; what the group carries forward is added to the reserve.",
            reserve.to_uk()
        ),
        None => String::new(),
    }
}

/// Said of an aligned budget: the shares are reported but move no money.
pub const ALIGNED_SENTENCE: &str = "This is an aligned budget: each lead commissioner spends its own money, so the shares are reported but no money moves between the partners.";

/// `A`, `A and B`, `A, B and C`.
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Both rules of a group, its caps, and whether each scheme stands alone; then its netting,
/// reserve and whether money moves.
pub fn group_reading(plan: &Plan, group: &Group) -> String {
    let mut text = String::new();
    if group.per_scheme {
        text.push_str("Each scheme is shared on its own. ");
    }
    text.push_str(&rule_sentence(
        plan,
        &group.overspend,
        group.host,
        Side::Overspend,
    ));
    text.push(' ');
    text.push_str(&rule_sentence(
        plan,
        &group.underspend,
        group.host,
        Side::Underspend,
    ));
    let aligned = if group.settle { "" } else { ALIGNED_SENTENCE };
    for sentence in [
        caps_sentence(plan, group).as_str(),
        netting_sentence(plan, group).as_str(),
        reserve_sentence(group).as_str(),
        aligned,
    ] {
        if !sentence.is_empty() {
            text.push(' ');
            text.push_str(sentence);
        }
    }
    text
}

/// One risk-share group's rules in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct GroupReading {
    pub id: String,
    pub name: String,
    /// The whole reading: both rules, the caps, per scheme or not.
    pub text: String,
    /// The overspend rule alone, for where one rule was applied.
    pub overspend: String,
    /// The underspend rule alone.
    pub underspend: String,
}

/// Every group's rules in words, in the plan's order: what `pooled check` prints and the window
/// shows beside each group.
pub fn group_readings(plan: &Plan) -> Vec<GroupReading> {
    plan.groups
        .iter()
        .map(|group| GroupReading {
            id: group.id.clone(),
            name: group.name.clone(),
            text: group_reading(plan, group),
            overspend: rule_sentence(plan, &group.overspend, group.host, Side::Overspend),
            underspend: rule_sentence(plan, &group.underspend, group.host, Side::Underspend),
        })
        .collect()
}

fn partner(plan: &Plan, p: usize) -> &str {
    plan.partners.get(p).map_or("?", |x| x.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{read_plan_bytes, validate};

    fn plan(name: &str) -> Plan {
        let path = format!(
            "{}/fixtures/{name}",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
        );
        let bytes = std::fs::read(path).unwrap();
        validate(&read_plan_bytes(&bytes).unwrap()).unwrap()
    }

    #[test]
    fn reads_the_demo_plan_rules() {
        let plan = plan("demo/northbrook-2025-26.plan.json");
        let core = group_reading(&plan, &plan.groups[0]);
        assert_eq!(
            core,
            "Overspends up to £250,000.00 fall to the host (Northbrook Council); from £250,000.00 \
             to £1,000,000.00 they are shared in fixed shares (Northbrook Council 50, Northbrook \
             and Dales ICB 35, Eastmoor ICB 15); above £1,000,000.00 they are shared in proportion \
             to what each partner contributes to the schemes. Underspends are returned in \
             proportion to what each partner contributes to the schemes. Eastmoor ICB pays at most \
             £400,000.00 towards an overspend. What a cap cuts off is passed to the partners not \
             capped that contribute, in proportion to their contributions."
        );
        let dfg = group_reading(&plan, &plan.groups[2]);
        assert_eq!(
            dfg,
            "Overspends fall to the host (Northbrook Council). Underspends stay in the pool and \
             are carried forward."
        );
        let own = group_reading(&plan, &plan.groups[1]);
        assert!(own.starts_with("Each scheme is shared on its own. Overspends are shared in proportion to what each partner commissions."), "{own}");
    }
}
