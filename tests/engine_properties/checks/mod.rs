//! The checker of an evaluated plan: every property of an outcome against the spec's rules worked
//! independently ([`crate::reference`]), and the repeatability of the whole pipeline.

mod commitments;
mod risk_share;

use pooled_core::engine::evaluate;
use pooled_core::findings::{Code, Severity};
use pooled_core::outcome::Outcome;
use pooled_core::plan::model::Plan;
use pooled_core::plan::read_plan;
use pooled_core::{Assessment, assess_bytes};

use commitments::{check_instalments, check_requirements, check_schemes_and_contracts};
use risk_share::{check_document_fields, check_settlement, check_totals, check_units};

use crate::reference::expected_units_outcome;

fn partner_at(plan: &Plan, id: &str) -> usize {
    plan.partners
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("'{id}' is not a partner"))
}

/// Whether the outcome has a finding with this code at this path.
fn has_finding(outcome: &Outcome, code: Code, path: &str) -> bool {
    finding_count(outcome, code, path) > 0
}

/// How many findings with this code at this path the outcome has.
fn finding_count(outcome: &Outcome, code: Code, path: &str) -> usize {
    outcome
        .findings
        .iter()
        .filter(|f| f.code == code && f.path == path)
        .count()
}

/// Every check of an evaluated plan.
pub(crate) fn check_outcome(plan: &Plan, outcome: &Outcome) {
    assert_eq!(outcome.format, "pooled-outcome/1");
    assert_eq!(outcome.financial_year, plan.year.to_document());
    assert!(
        outcome
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "an evaluated plan has no error finding: {:?}",
        outcome.findings
    );
    let expected = expected_units_outcome(plan);
    check_units(plan, outcome, &expected);
    check_totals(plan, outcome, &expected);
    check_settlement(plan, outcome, &expected);
    check_document_fields(plan, outcome);
    check_schemes_and_contracts(plan, outcome);
    check_instalments(plan, outcome);
    check_requirements(plan, outcome);
}

pub(crate) fn outcome_json(outcome: &Outcome) -> String {
    Assessment::Evaluated(Box::new(outcome.clone())).to_json()
}

/// The whole pipeline must give the same bytes every time, and the same as reading the plan
/// back after writing its document out again.
pub(crate) fn check_repeatable(text: &str, plan: &Plan, outcome: &Outcome) {
    let json = outcome_json(outcome);
    let again = evaluate(plan).expect("evaluated once already");
    assert_eq!(outcome_json(&again), json, "evaluating twice");
    let assessed = assess_bytes(text.as_bytes());
    assert!(matches!(assessed, Assessment::Evaluated(_)));
    assert_eq!(
        assessed.to_json(),
        json,
        "assess_bytes = read, validate, evaluate"
    );
    let document = read_plan(text).expect("read once already");
    let written = serde_json::to_string(&document).expect("a document serialises");
    assert_eq!(
        assess_bytes(written.as_bytes()).to_json(),
        json,
        "the document written back gives the same outcome"
    );
}
