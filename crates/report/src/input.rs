//! Where a paper's input comes from: a plan document (a draft, or an agreed version exactly as
//! frozen) or a plan file's bytes. Nothing here knows the workspace; `pooled_api` builds the
//! input of a workspace scenario from what the store holds.

use chrono::NaiveDate;
use pooled_core::engine::evaluate;
use pooled_core::findings::{Code, Finding};
use pooled_core::hashing::{canonical_json, sha256_hex};
use pooled_core::plan::{PlanDocument, read_plan_bytes, validate};

use crate::{PaperInput, PaperStatus, ReportError};

/// The input for a plan document: checked, evaluated, and its version id worked out.
pub fn from_document(
    document: &PlanDocument,
    scenario: &str,
    status: PaperStatus,
    generated: NaiveDate,
) -> Result<PaperInput, ReportError> {
    let plan = validate(document).map_err(ReportError::InvalidPlan)?;
    let outcome = evaluate(&plan).map_err(|e| {
        ReportError::InvalidPlan(vec![Finding::new(
            Code::Amount,
            "",
            format!("The plan's figures could not be evaluated exactly: {e}."),
        )])
    })?;
    Ok(PaperInput {
        plan,
        outcome,
        scenario: scenario.to_owned(),
        status,
        document_sha256: sha256_hex(&canonical_json(document)),
        generated,
    })
}

/// The input for the bytes of a plan file: always a draft.
pub fn from_plan_bytes(
    bytes: &[u8],
    scenario: &str,
    generated: NaiveDate,
) -> Result<PaperInput, ReportError> {
    let document = read_plan_bytes(bytes).map_err(|f| ReportError::InvalidPlan(vec![f]))?;
    from_document(&document, scenario, PaperStatus::Draft, generated)
}
