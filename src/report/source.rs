//! Where a paper's input comes from: a plan file, a plan document, or a workspace scenario
//! (a draft as it stands, or an agreed version exactly as frozen, with its sign-offs).

use chrono::NaiveDate;

use super::{PaperInput, PaperStatus, ReportError};
use crate::engine::evaluate;
use crate::findings::{Code, Finding};
use crate::plan::{PlanDocument, read_plan_bytes, validate};
use crate::store::hashing::{canonical_json, sha256_hex};
use crate::store::{Status, Workspace};

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

/// The input for a workspace scenario. A draft is shown as it stands. An agreed (or since
/// superseded) scenario is shown exactly as agreed: its frozen document, with its outcome
/// checked against the frozen outcome's SHA-256, and the recorded sign-offs.
pub fn from_scenario(
    workspace: &Workspace,
    id: i64,
    generated: NaiveDate,
) -> Result<PaperInput, ReportError> {
    let scenario = workspace.scenario(id)?;
    let Some(agreed) = workspace.agreed_version(id)? else {
        return from_document(
            &scenario.document,
            &scenario.name,
            PaperStatus::Draft,
            generated,
        );
    };
    if sha256_hex(&agreed.document) != agreed.document_sha256 {
        return Err(ReportError::Agreed(format!(
            "the stored document of scenario {id} does not match its recorded SHA-256; run pooled audit verify."
        )));
    }
    let document = read_plan_bytes(agreed.document.as_bytes()).map_err(|f| {
        ReportError::Agreed(format!(
            "the agreed document of scenario {id} does not read: {f}"
        ))
    })?;
    let date = agreed
        .agreed_at
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| {
            ReportError::Agreed(format!(
                "scenario {id} was agreed at '{}', which is not a date.",
                agreed.agreed_at
            ))
        })?;
    let status = PaperStatus::Agreed {
        date,
        signoffs: agreed.signoffs.clone(),
        superseded: scenario.status == Status::Superseded,
    };
    let input = from_document(&document, &scenario.name, status, generated)?;
    if sha256_hex(&canonical_json(&input.outcome)) != agreed.outcome_sha256 {
        return Err(ReportError::Agreed(format!(
            "evaluating the agreed document of scenario {id} today does not give the outcome frozen when it was agreed, so the paper would not show what was agreed."
        )));
    }
    Ok(input)
}
