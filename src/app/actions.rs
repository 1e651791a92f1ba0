//! The actions of the window, one function each. Every change goes through the store in one
//! transaction; previews apply edits in memory only.

use chrono::NaiveDate;
use serde_json::json;

use super::error::AppError;
use super::views::{
    AgreementView, ComparisonView, EditRequest, EditResult, HistoryQuery, NewPlan, PlanView,
    ScenarioView, WorkspaceView,
};
use crate::assess::{Assessment, assess_document, assess_plan};
use crate::compare::compare;
use crate::outcome::Rejection;
use crate::plan::PlanDocument;
use crate::plan::edit::{self, Edit, EditKind, JsonPath};
use crate::report::{self, PaperOptions, PaperStatus, Units};
use crate::store::{AuditEntry, AuditReport, DEMO_PLAN, HistoryFilter, SignOff, Workspace};

pub fn workspace(ws: &Workspace) -> Result<WorkspaceView, AppError> {
    let mut scenarios = ws.scenarios(None)?;
    let plans = ws
        .plans()?
        .into_iter()
        .map(|plan| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                scenarios.drain(..).partition(|s| s.plan_id == plan.id);
            scenarios = rest;
            PlanView {
                plan,
                scenarios: mine,
            }
        })
        .collect();
    Ok(WorkspaceView {
        path: ws.path().display().to_string(),
        actor: ws.actor().to_owned(),
        plans,
    })
}

pub fn scenario(ws: &Workspace, id: i64) -> Result<ScenarioView, AppError> {
    let scenario = ws.scenario(id)?;
    let agreement = ws.agreed_version(id)?.map(|v| AgreementView {
        agreed_at: v.agreed_at,
        agreed_by: v.agreed_by,
        document_sha256: v.document_sha256,
        outcome_sha256: v.outcome_sha256,
        signoffs: v.signoffs,
    });
    Ok(ScenarioView {
        assessment: assess_document(&scenario.document),
        summary: scenario.summary,
        document: scenario.document,
        agreement,
    })
}

fn to_edits(requests: &[EditRequest]) -> Result<Vec<Edit>, AppError> {
    requests
        .iter()
        .map(|r| {
            let path = JsonPath::parse(&r.path).map_err(|e| {
                AppError::new("A-BAD-PATH", format!("The change was not made: {e}."))
            })?;
            Ok(Edit {
                kind: r.op,
                path,
                value: r.value.clone(),
            })
        })
        .collect()
}

/// Saves edits made at `revision` as one change with an optional reason; returns the new
/// revision and outcome, with the document when an edit inserted or removed something.
pub fn edit(
    ws: &mut Workspace,
    id: i64,
    revision: i64,
    edits: &[EditRequest],
    reason: Option<&str>,
) -> Result<EditResult, AppError> {
    let saved = ws.save_edits(id, revision, &to_edits(edits)?, reason)?;
    let reshaped = edits.iter().any(|e| e.op != EditKind::Set);
    Ok(EditResult {
        assessment: assess_plan(&saved.plan),
        summary: ws.summary(id)?,
        document: reshaped.then_some(saved.document),
    })
}

/// The outcome the scenario would have with these edits, saving nothing: what the window shows
/// while someone is still typing.
pub fn preview(ws: &Workspace, id: i64, edits: &[EditRequest]) -> Result<Assessment, AppError> {
    let mut document: PlanDocument = ws.scenario(id)?.document;
    for e in to_edits(edits)? {
        match edit::apply(&document, &e) {
            Ok(edited) => document = edited.document,
            Err(error) => {
                return Ok(Assessment::Rejected(Rejection::new(vec![
                    crate::findings::Finding::new(
                        crate::findings::Code::Format,
                        e.path.to_string(),
                        error.to_string(),
                    ),
                ])));
            }
        }
    }
    Ok(assess_document(&document))
}

pub fn branch(ws: &mut Workspace, from: i64, name: &str) -> Result<ScenarioView, AppError> {
    let name = required(name, "scenario name")?;
    let id = ws.branch(from, name)?;
    scenario(ws, id)
}

pub fn describe(
    ws: &mut Workspace,
    id: i64,
    name: &str,
    description: &str,
) -> Result<ScenarioView, AppError> {
    let name = required(name, "scenario name")?;
    ws.describe(id, Some(name), Some(description.trim()))?;
    scenario(ws, id)
}

fn required<'a>(text: &'a str, what: &str) -> Result<&'a str, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::new("A-REQUIRED", format!("Give the {what}.")));
    }
    Ok(text)
}

/// Compares the first scenario with each of the others (two to four in all).
pub fn compare_scenarios(ws: &Workspace, ids: &[i64]) -> Result<Vec<ComparisonView>, AppError> {
    if !(2..=4).contains(&ids.len()) {
        return Err(AppError::new(
            "A-COMPARE",
            format!(
                "Choose two to four scenarios to compare; {} chosen.",
                ids.len()
            ),
        ));
    }
    let documents = ids
        .iter()
        .map(|&id| ws.scenario(id).map(|s| s.document))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(documents[1..]
        .iter()
        .zip(&ids[1..])
        .map(|(right, &right_id)| ComparisonView {
            left: ids[0],
            right: right_id,
            comparison: compare(&documents[0], right),
        })
        .collect())
}

pub fn agree(
    ws: &mut Workspace,
    id: i64,
    revision: i64,
    signoffs: &[SignOff],
) -> Result<ScenarioView, AppError> {
    ws.agree(id, revision, signoffs)?;
    scenario(ws, id)
}

pub fn history(ws: &Workspace, query: &HistoryQuery) -> Result<Vec<AuditEntry>, AppError> {
    let text = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let since = match text(&query.since) {
        None => None,
        Some(day) => Some(NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| {
            AppError::new(
                "A-BAD-DATE",
                format!("'{day}' is not a date; choose a day in the calendar."),
            )
        })?),
    };
    let filter = HistoryFilter {
        scenario_id: query.scenario_id,
        who: text(&query.who),
        field: text(&query.field),
        since,
    };
    Ok(ws.history_matching(&filter)?)
}

pub fn verify(ws: &Workspace) -> Result<AuditReport, AppError> {
    Ok(ws.verify()?)
}

/// Creates a plan and returns its first draft.
pub fn create_plan(ws: &mut Workspace, template: &NewPlan) -> Result<ScenarioView, AppError> {
    let id = match template {
        NewPlan::Demo => ws.import_plan(DEMO_PLAN, "Baseline", "demo plan (Northbrook 2025-26)")?,
        NewPlan::Blank {
            name,
            financial_year,
        } => {
            let name = required(name, "plan name")?;
            let document = json!({
                "format": "pooled-plan/1",
                "name": name,
                "financial_year": financial_year.trim(),
                "partners": [
                    {"id": "council", "name": "Council", "kind": "council"},
                    {"id": "icb", "name": "ICB", "kind": "icb"}
                ],
                "host": "council",
                "streams": [],
                "schemes": []
            });
            ws.import_plan(document.to_string().as_bytes(), "Baseline", "blank plan")?
        }
    };
    scenario(ws, id)
}

/// Imports a plan file's bytes as a new plan; `source` is the file name, for the audit trail.
pub fn import_plan(
    ws: &mut Workspace,
    bytes: &[u8],
    source: &str,
) -> Result<ScenarioView, AppError> {
    let id = ws.import_plan(bytes, "Baseline", source)?;
    scenario(ws, id)
}

/// A scenario's plan document as a file would hold it: pretty JSON.
pub fn export_plan(ws: &Workspace, id: i64) -> Result<String, AppError> {
    let document = ws.scenario(id)?.document;
    serde_json::to_string_pretty(&document)
        .map(|text| text + "\n")
        .map_err(|e| AppError::new("A-EXPORT", format!("The plan could not be written: {e}.")))
}

/// Notes in the audit trail that a scenario's plan was written to `to`.
pub fn record_export(ws: &mut Workspace, id: i64, to: &str) -> Result<(), AppError> {
    Ok(ws.record_export(id, "plan", to)?)
}

/// A scenario's board paper, ready to save: the PDF and a file name to suggest.
#[derive(Clone, Debug)]
pub struct BoardPaper {
    pub bytes: Vec<u8>,
    /// `northbrook-better-care-fund-2025-26-baseline-draft.pdf`
    pub file_name: String,
}

/// The board paper of a scenario dated `today`: a draft as DRAFT with blank sign-off lines, an
/// agreed version exactly as agreed, with its sign-offs (the same paper as `pooled report`).
pub fn board_paper(
    ws: &Workspace,
    id: i64,
    today: NaiveDate,
    units: Units,
) -> Result<BoardPaper, AppError> {
    let input = report::from_scenario(ws, id, today)?;
    let bytes = report::board_paper(&input, &PaperOptions { units })?;
    let status = match input.status {
        PaperStatus::Draft => "draft",
        PaperStatus::Agreed { .. } => "agreed",
    };
    let file_name = format!(
        "{}.pdf",
        slug(&format!("{} {} {status}", input.plan.name, input.scenario))
    );
    Ok(BoardPaper { bytes, file_name })
}

/// Notes in the audit trail that a scenario's board paper was written to `to`.
pub fn record_board_paper(ws: &mut Workspace, id: i64, to: &str) -> Result<(), AppError> {
    Ok(ws.record_export(id, "board paper", to)?)
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
