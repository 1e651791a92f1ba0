//! Plans as the tests change and read them: edits written as a person types them, outcomes
//! unwrapped, figures in pence, and sign-offs.

use pooled_api::EditRequest;
use pooled_core::outcome::{Outcome, PartnerAmounts};
use pooled_core::plan::edit::{Edit, EditKind, exact_value};
use pooled_core::plan::path::PlanPath;
use pooled_core::{Assessment, assess_bytes};
use pooled_store::SignOff;
use serde_json::Value;

/// An edit of `path` (by position or by id) to the value `typed` as at the command line: JSON
/// (`5000000.01`, `"Winter"`), or plain text for a name.
pub fn edit(kind: EditKind, path: &str, typed: Option<&str>) -> Edit {
    let path = PlanPath::parse(path).unwrap_or_else(|e| panic!("the path {path}: {e}"));
    Edit::new(kind, path, typed.map(exact_value))
}

/// `set PATH VALUE`, the value as typed.
pub fn set(path: &str, typed: &str) -> Edit {
    edit(EditKind::Set, path, Some(typed))
}

/// An edit as the window sends it.
pub fn request(op: EditKind, path: &str, value: Option<Value>) -> EditRequest {
    EditRequest {
        op,
        path: path.to_owned(),
        value,
    }
}

/// `set` as the window sends it.
pub fn set_request(path: &str, value: Value) -> EditRequest {
    request(EditKind::Set, path, Some(value))
}

/// The outcome of an assessment that must have evaluated.
pub fn evaluated(assessment: Assessment) -> Outcome {
    match assessment {
        Assessment::Evaluated(outcome) => *outcome,
        Assessment::Rejected(r) => panic!("the plan was rejected: {:?}", r.findings),
    }
}

/// The outcome of a plan written as JSON, which must evaluate.
pub fn evaluate_json(plan: &Value) -> Outcome {
    evaluated(assess_bytes(plan.to_string().as_bytes()))
}

/// Each partner's final cost, as `(id, "1234.56")`.
pub fn final_costs(assessment: &Assessment) -> Vec<(String, String)> {
    match assessment {
        Assessment::Evaluated(outcome) => outcome
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.final_cost.to_plain()))
            .collect(),
        Assessment::Rejected(r) => panic!("the plan was rejected: {:?}", r.findings),
    }
}

/// Pounds and pence as written in plans (`"9947444.00"`), in whole pence.
pub fn pence(text: &str) -> i64 {
    pooled_core::money::Money::parse(text)
        .unwrap_or_else(|e| panic!("'{text}' is not money: {e}"))
        .pence()
}

/// Partner by partner, in pence.
pub fn partner_pence(amounts: &PartnerAmounts) -> Vec<i64> {
    amounts.amounts().iter().map(|m| m.pence()).collect()
}

/// The codes of an outcome's findings, sorted.
pub fn finding_codes(outcome: &Outcome) -> Vec<&'static str> {
    let mut codes: Vec<_> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes
}

/// One sign-off.
pub fn signoff(name: &str, role: &str, organisation: &str, date: &str) -> SignOff {
    SignOff {
        name: name.into(),
        role: role.into(),
        organisation: organisation.into(),
        date: date.into(),
    }
}

/// The three sign-offs a Telford & Wrekin agreement has, all dated `date` (`YYYY-MM-DD`).
pub fn signoffs(date: &str) -> Vec<SignOff> {
    vec![
        signoff(
            "Jo Adeyemi",
            "Pooled fund manager",
            "Telford & Wrekin Council",
            date,
        ),
        signoff(
            "Sam Whitfield",
            "Chief finance officer",
            "Shropshire, Telford and Wrekin ICB",
            date,
        ),
        signoff(
            "Ruth Okafor",
            "Section 151 officer",
            "Telford & Wrekin Council",
            date,
        ),
    ]
}

/// Each partner's final cost, in pence.
pub fn final_pence(outcome: &Outcome) -> Vec<i64> {
    outcome
        .partners
        .iter()
        .map(|p| p.final_cost.pence())
        .collect()
}

/// The text fields `keys` of each item of a JSON list, sorted: findings by `["code", "path"]`,
/// partners by `["id", "name"]`.
pub fn sorted_fields(items: &Value, keys: &[&str]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = items
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {items}"))
        .iter()
        .map(|item| {
            keys.iter()
                .map(|k| match item[*k].as_str() {
                    Some(text) => text.to_owned(),
                    None => panic!("no text '{k}' in {item}"),
                })
                .collect()
        })
        .collect();
    rows.sort();
    rows
}
