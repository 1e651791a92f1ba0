//! Board papers: of a workspace scenario (a draft as it stands; an agreed version exactly as
//! agreed, with its sign-offs) or of a plan file.

use std::path::Path;

use chrono::NaiveDate;
use pooled_core::hashing::{canonical_json, sha256_hex};
use pooled_core::plan::read_plan_bytes;
use pooled_report::{
    PaperInput, PaperOptions, PaperStatus, ReportError, Units, board_paper as make_paper,
    from_document, from_plan_bytes,
};
use pooled_store::{ScenarioId, Status, Workspace};

use crate::{AppError, files};

/// A board paper, ready to save.
#[derive(Clone, Debug)]
pub struct BoardPaper {
    pub bytes: Vec<u8>,
    /// `northbrook-better-care-fund-2025-26-baseline-draft.pdf`
    pub file_name: String,
    /// The scenario's name, or for a plan file "Plan file NAME.json".
    pub scenario: String,
    /// `DRAFT`, `AGREED 14 October 2025`.
    pub status: String,
    /// The version printed on every page.
    pub version: String,
}

/// The board paper of a scenario dated `today`.
pub fn board_paper(
    ws: &Workspace,
    id: ScenarioId,
    today: NaiveDate,
    units: Units,
) -> Result<BoardPaper, AppError> {
    paper(&scenario_input(ws, id, today)?, units)
}

/// The board paper of a plan file: always a draft.
pub fn plan_file_paper(
    path: &Path,
    today: NaiveDate,
    units: Units,
) -> Result<BoardPaper, AppError> {
    let bytes = files::read(path, "the plan file")?;
    let name = format!("Plan file {}", files::file_name(path));
    paper(&from_plan_bytes(&bytes, &name, today)?, units)
}

/// Notes in the audit trail that a scenario's board paper was written to `to`.
pub fn record_board_paper(ws: &mut Workspace, id: ScenarioId, to: &str) -> Result<(), AppError> {
    Ok(ws.record_export(id, "board paper", to)?)
}

fn paper(input: &PaperInput, units: Units) -> Result<BoardPaper, AppError> {
    let bytes = make_paper(input, &PaperOptions { units })?;
    let status = match input.status {
        PaperStatus::Draft => "draft",
        PaperStatus::Agreed { .. } => "agreed",
    };
    let file_name = format!(
        "{}.pdf",
        slug(&format!("{} {} {status}", input.plan.name, input.scenario))
    );
    Ok(BoardPaper {
        bytes,
        file_name,
        scenario: input.scenario.clone(),
        status: input.status.label(),
        version: input.version_id().to_owned(),
    })
}

/// The input for a workspace scenario. A draft is shown as it stands. An agreed (or since
/// superseded) scenario is shown exactly as agreed: its frozen document, with its outcome
/// checked against the frozen outcome's SHA-256, and the recorded sign-offs.
fn scenario_input(
    ws: &Workspace,
    id: ScenarioId,
    generated: NaiveDate,
) -> Result<PaperInput, AppError> {
    let scenario = ws.scenario(id)?;
    let Some(agreed) = ws.agreed_version(id)? else {
        return Ok(from_document(
            &scenario.document,
            &scenario.name,
            PaperStatus::Draft,
            generated,
        )?);
    };
    let refuse = |why: String| AppError::from(ReportError::Agreed(why));
    if sha256_hex(&agreed.document) != agreed.document_sha256 {
        return Err(refuse(format!(
            "the stored document of scenario {id} does not match its recorded SHA-256; run pooled audit verify."
        )));
    }
    let document = read_plan_bytes(agreed.document.as_bytes()).map_err(|f| {
        refuse(format!(
            "the agreed document of scenario {id} does not read: {f}"
        ))
    })?;
    let date = agreed.agreed_at.day().ok_or_else(|| {
        refuse(format!(
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
        return Err(refuse(format!(
            "evaluating the agreed document of scenario {id} today does not give the outcome frozen when it was agreed, so the paper would not show what was agreed."
        )));
    }
    Ok(input)
}

/// Lower-case letters and digits joined by single hyphens: a file name that is safe anywhere.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "board-paper".to_owned()
    } else {
        words.join("-")
    }
}
