//! The generator of valid plans: random choices ([`strategies`]) written out as plan text
//! ([`builder`]), and the helpers that read such plans back.
//!
//! Plans are valid by construction: funding first, then each stream's amount as its funded sum
//! plus something unallocated; joint splits that add up to exactly 100; rules that the spec allows
//! on their side.

mod builder;
mod strategies;

use pooled_core::engine::evaluate;
use pooled_core::money::Money;
use pooled_core::outcome::Outcome;
use pooled_core::plan::model::{Plan, Rule};
use pooled_core::plan::{read_plan, validate};

pub(crate) use builder::plan_text;
pub(crate) use strategies::raw_plan;

use crate::reference::{partner_contributions, sum_budget, sum_forecast};

/// The largest figure a plan writes or adds up (any amount, reserve, threshold, stated or agreed
/// amount, or the total income, budget or forecast): scaling every amount by `LIMIT / largest` keeps the plan within the limits.
pub(crate) fn largest_figure(plan: &Plan) -> i64 {
    /// Band thresholds and stated or agreed amounts.
    fn rule_figures(rule: &Rule, out: &mut Vec<i64>) {
        match rule {
            Rule::Tiered(bands) => {
                out.extend(bands.iter().filter_map(|b| b.up_to.map(Money::pence)));
                for band in bands {
                    rule_figures(&band.rule, out);
                }
            }
            Rule::ProRataAmounts(amounts) | Rule::Agreed(amounts) => {
                out.extend(amounts.iter().map(|a| a.pence()));
            }
            _ => {}
        }
    }
    let all: Vec<usize> = (0..plan.schemes.len()).collect();
    let mut figures = vec![
        partner_contributions(plan).iter().sum(),
        sum_budget(plan, &all),
        sum_forecast(plan, &all),
    ];
    figures.extend(plan.streams.iter().map(|s| s.amount.pence()));
    figures.extend(plan.schemes.iter().map(|s| s.forecast.pence()));
    figures.extend(plan.contracts.iter().map(|c| c.value.pence()));
    for group in &plan.groups {
        figures.extend(group.caps.iter().flatten().map(|c| c.pence()));
        figures.extend(group.opening_reserve.map(Money::pence));
        rule_figures(&group.overspend, &mut figures);
        rule_figures(&group.underspend, &mut figures);
    }
    let r = plan.requirements;
    figures.extend(
        [r.nhs_min_social_care, r.nhs_min_out_of_hospital]
            .into_iter()
            .flatten()
            .map(Money::pence),
    );
    figures.into_iter().max().unwrap_or(0)
}

/// Reads, validates and evaluates plan text that must be valid.
pub(crate) fn evaluate_valid(text: &str) -> (Plan, Outcome) {
    let document = read_plan(text).unwrap_or_else(|f| panic!("unreadable plan: {f}\n{text}"));
    let plan = validate(&document).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "a generated plan was rejected:\n{}\n{text}",
            lines.join("\n")
        )
    });
    let outcome = evaluate(&plan).unwrap_or_else(|e| panic!("evaluation failed: {e}\n{text}"));
    (plan, outcome)
}
