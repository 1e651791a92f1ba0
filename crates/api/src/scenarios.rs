//! Plans and scenarios: what the workspace holds, opening one scenario, importing, branching,
//! describing and agreeing.

use std::path::Path;

use pooled_store::{AgreedVersion, PlanId, PlanSummary, ScenarioId, SignOff, Status, Workspace};
use serde_json::json;

use crate::editing::Read;
use crate::views::{AgreementView, NewPlan, PlanView, ScenarioView, WorkspaceView};
use crate::{AppError, files, session};

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

pub fn scenario(ws: &Workspace, id: ScenarioId) -> Result<ScenarioView, AppError> {
    let scenario = ws.scenario(id)?;
    let agreement = ws.agreed_version(id)?.map(|v| AgreementView {
        agreed_at: v.agreed_at,
        agreed_by: v.agreed_by,
        document_sha256: v.document_sha256,
        outcome_sha256: v.outcome_sha256,
        signoffs: v.signoffs,
    });
    let read = Read::of(&scenario.document);
    Ok(ScenarioView {
        assessment: read.assessment,
        figures: read.figures,
        readings: read.readings.unwrap_or_default(),
        summary: scenario.summary,
        document: scenario.document,
        agreement,
    })
}

pub fn branch(ws: &mut Workspace, from: ScenarioId, name: &str) -> Result<ScenarioView, AppError> {
    let name = required(name, "scenario name")?;
    let id = ws.branch(from, name)?;
    scenario(ws, id)
}

/// Renames a draft or changes its description; `None` leaves that as it is.
pub fn describe(
    ws: &mut Workspace,
    id: ScenarioId,
    name: Option<&str>,
    description: Option<&str>,
) -> Result<ScenarioView, AppError> {
    let name = name.map(|n| required(n, "scenario name")).transpose()?;
    ws.describe(id, name, description.map(str::trim))?;
    scenario(ws, id)
}

pub(crate) fn required<'a>(text: &'a str, what: &str) -> Result<&'a str, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::new("A-REQUIRED", format!("Give the {what}.")));
    }
    Ok(text)
}

/// Agrees a draft at the revision the person saw; returns the frozen version and the scenarios
/// agreed earlier for the same plan, now superseded.
pub fn agree(
    ws: &mut Workspace,
    id: ScenarioId,
    revision: pooled_store::Revision,
    signoffs: &[SignOff],
) -> Result<(AgreedVersion, Vec<ScenarioId>), AppError> {
    let plan = ws.summary(id)?.plan_id;
    let earlier: Vec<ScenarioId> = ws
        .scenarios(Some(plan))?
        .iter()
        .filter(|s| s.status == Status::Agreed && s.id != id)
        .map(|s| s.id)
        .collect();
    let version = ws.agree(id, revision, signoffs)?;
    Ok((version, earlier))
}

/// Creates a plan and returns its first draft.
pub fn create_plan(ws: &mut Workspace, template: &NewPlan) -> Result<ScenarioView, AppError> {
    let id = match template {
        NewPlan::Demo => session::import_demo(ws)?,
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

/// Imports a plan file as a new plan (scenario "Baseline" unless named), or `into` an existing
/// plan as a new scenario (named after the file unless named). Returns the plan and the new
/// scenario.
pub fn import_file(
    ws: &mut Workspace,
    path: &Path,
    into: Option<PlanId>,
    name: Option<&str>,
) -> Result<(PlanSummary, ScenarioView), AppError> {
    let bytes = files::read(path, "the plan file")?;
    let source = path.display().to_string();
    let id = match into {
        None => ws.import_plan(&bytes, name.unwrap_or("Baseline"), &source)?,
        Some(plan) => {
            let stem = files::file_name(path);
            let stem = stem.trim_end_matches(".json").trim_end_matches(".plan");
            ws.import_scenario(plan, &bytes, name.unwrap_or(stem), &source)?
        }
    };
    let view = scenario(ws, id)?;
    Ok((ws.plan(view.plan_id)?, view))
}

/// Copies the workspace to a new file, safely while it is in use.
pub fn backup(ws: &mut Workspace, to: &Path) -> Result<(), AppError> {
    Ok(ws.backup(to)?)
}
