//! A scenario's plan document or outcome as JSON: shown, exported to a file, or written out
//! for the window's save dialog. For an agreed version both are exactly what was agreed.

use std::path::Path;

use pooled_core::assess::Assessment;
use pooled_core::findings::Finding;
use pooled_store::{ScenarioId, Workspace};

use crate::{AppError, files};

/// Which document of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The plan document (pooled-plan/1).
    Plan,
    /// The outcome document (pooled-outcome/1).
    Outcome,
}

impl Which {
    /// As the audit trail names an export of it.
    fn recorded_as(self) -> &'static str {
        match self {
            Which::Plan => "document",
            Which::Outcome => "outcome",
        }
    }
}

/// A document as pretty JSON, or the errors that stop a draft having an outcome.
#[derive(Clone, Debug, PartialEq)]
pub enum Rendered {
    Json(String),
    Rejected(Vec<Finding>),
}

fn pretty(canonical: &str) -> Result<String, AppError> {
    let value: serde_json::Value = serde_json::from_str(canonical).map_err(|e| {
        AppError::new(
            "S-STORAGE",
            format!("A stored document does not read: {e}."),
        )
    })?;
    Ok(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n")
}

/// The scenario's document as JSON.
pub fn render(ws: &Workspace, id: ScenarioId, which: Which) -> Result<Rendered, AppError> {
    let scenario = ws.scenario(id)?;
    if let Some(agreed) = ws.agreed_version(id)? {
        let frozen = match which {
            Which::Plan => &agreed.document,
            Which::Outcome => &agreed.outcome,
        };
        return pretty(frozen).map(Rendered::Json);
    }
    if which == Which::Plan {
        let text = serde_json::to_string_pretty(&scenario.document).unwrap_or_default() + "\n";
        return Ok(Rendered::Json(text));
    }
    Ok(match ws.assessment(id)? {
        evaluated @ Assessment::Evaluated(_) => Rendered::Json(evaluated.to_json()),
        Assessment::Rejected(rejection) => Rendered::Rejected(rejection.findings),
    })
}

/// Writes the document to `path` (replacing a file there only if `replace`) and records the
/// export in the audit trail. A draft with errors has no outcome: its errors are returned and
/// nothing is written.
pub fn export(
    ws: &mut Workspace,
    id: ScenarioId,
    which: Which,
    path: &Path,
    replace: bool,
) -> Result<Rendered, AppError> {
    let rendered = render(ws, id, which)?;
    if let Rendered::Json(text) = &rendered {
        let written = files::write(path, text.as_bytes(), replace)?;
        ws.record_export(id, which.recorded_as(), &written.display().to_string())?;
    }
    Ok(rendered)
}

/// A scenario's plan document as a file would hold it: pretty JSON.
pub fn export_plan(ws: &Workspace, id: ScenarioId) -> Result<String, AppError> {
    match render(ws, id, Which::Plan)? {
        Rendered::Json(text) => Ok(text),
        Rendered::Rejected(_) => Err(AppError::new("A-EXPORT", "The plan could not be written.")),
    }
}

/// Notes in the audit trail that a scenario's plan was written to `to`.
pub fn record_export(ws: &mut Workspace, id: ScenarioId, to: &str) -> Result<(), AppError> {
    Ok(ws.record_export(id, "plan", to)?)
}
