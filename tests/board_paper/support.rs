//! What only the board paper's modules share: the paper of plan bytes on a fixed date, the
//! 500-scheme plan with a very long scheme name, and the figures of a printed line. (Fixtures,
//! `pdftotext` and `pdftoppm` are in `pooled_testkit`.)

use chrono::NaiveDate;
use pooled_report::{PaperInput, PaperOptions, Units, board_paper, from_plan_bytes};
use pooled_testkit::fixtures::demo_grown;
use serde_json::Value;

pub(crate) fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 20).unwrap()
}

pub(crate) fn input(plan: &[u8]) -> PaperInput {
    from_plan_bytes(plan, "Test scenario", date()).unwrap()
}

pub(crate) fn paper(plan: &[u8], units: Units) -> Vec<u8> {
    board_paper(&input(plan), &PaperOptions { units }).unwrap()
}

/// The demo plan grown to `count` schemes, its first scheme given a name of about 200
/// characters.
pub(crate) fn large_plan(count: usize) -> Vec<u8> {
    let mut plan = demo_grown(count);
    plan["schemes"][0]["name"] = Value::String(LONG_NAME.to_owned());
    serde_json::to_vec_pretty(&plan).unwrap()
}

pub(crate) const LONG_NAME: &str = "Integrated home care, reablement and discharge-to-assess \
    service for people leaving Northbrook General and Eastmoor Community hospitals, including \
    night sitting, equipment, minor adaptations and carers' breaks (phase two)";

/// Figures in a printed line: `1,234`, `(56)`, `0`.
pub(crate) fn figure(token: &str) -> Option<i64> {
    let (negative, body) = match token.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, token),
    };
    let groups: Vec<&str> = body.split(',').collect();
    let well_formed = !body.is_empty()
        && groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && body.chars().all(|c| c.is_ascii_digit() || c == ',');
    if !well_formed {
        return None;
    }
    let value: i64 = body.replace(',', "").parse().ok()?;
    Some(if negative { -value } else { value })
}
