//! A large workspace: plans from the national set, each with several scenarios, and enough
//! recorded changes to reach a given number of audit entries. Built through the store's own
//! actions, so every entry is exactly what a person's edits would have left.

use std::path::Path;

use serde_json::Value;

use super::national::national;
use super::{amount, pounds, to_file_text};
use pooled_core::plan::edit::{Edit, EditKind};
use pooled_core::plan::path::{PlanPath, Step};
use pooled_store::{Revision, ScenarioId, StoreError, Workspace};

/// How big the workspace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkspaceShape {
    pub plans: usize,
    /// Scenarios in all, spread evenly over the plans (each plan has at least one).
    pub scenarios: usize,
    /// Audit entries in all; changes to the drafts make up what imports and branches do not.
    pub entries: usize,
}

impl Default for WorkspaceShape {
    /// 100 plans, 1,000 scenarios, 1,000,000 audit entries.
    fn default() -> Self {
        WorkspaceShape {
            plans: 100,
            scenarios: 1_000,
            entries: 1_000_000,
        }
    }
}

/// What was built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkspaceTotals {
    pub plans: usize,
    pub scenarios: usize,
    pub changes: usize,
    pub entries: usize,
}

/// Changes saved per action: each action is one transaction.
const EDITS_PER_ACTION: usize = 500;

/// Builds the workspace at `path`, which must not exist yet.
pub fn build_workspace(path: &Path, shape: WorkspaceShape) -> Result<WorkspaceTotals, StoreError> {
    let mut ws = Workspace::create(path, "Benchmark")?;
    let pools = national();
    let plans = shape.plans.clamp(1, pools.len());
    let scenarios = shape.scenarios.max(plans);
    let mut drafts: Vec<(ScenarioId, Value)> = Vec::with_capacity(scenarios);
    for (p, pool) in pools.iter().take(plans).enumerate() {
        let first = ws.import_plan(to_file_text(pool).as_bytes(), "Baseline", "benchmark")?;
        drafts.push((first, pool.clone()));
        let count = scenarios / plans + usize::from(p < scenarios % plans);
        for k in 1..count {
            let id = ws.branch(first, &format!("Scenario {}", k + 1))?;
            drafts.push((id, pool.clone()));
        }
    }
    // The workspace's creation, each import and each branch are entries already.
    let made = 1 + drafts.len();
    let changes = shape.entries.saturating_sub(made);
    let mut done = 0;
    for (i, (id, plan)) in drafts.iter().enumerate() {
        let share = changes / drafts.len() + usize::from(i < changes % drafts.len());
        let schemes = plan["schemes"].as_array().map_or(1, Vec::len).max(1);
        let mut revision = Revision(0);
        for batch in (0..share).collect::<Vec<_>>().chunks(EDITS_PER_ACTION) {
            let edits: Vec<Edit> = batch
                .iter()
                .map(|&n| forecast_edit(n % schemes, n, *id))
                .collect();
            revision = ws.edit(*id, revision, &edits, Some("Monthly forecast"))?;
        }
        done += share;
    }
    Ok(WorkspaceTotals {
        plans,
        scenarios: drafts.len(),
        changes: done,
        entries: made + done,
    })
}

/// A new forecast for scheme `scheme`: a different amount on each of the scenario's changes.
fn forecast_edit(scheme: usize, n: usize, scenario: ScenarioId) -> Edit {
    let pence = pounds(50_000) + ((n as i64 * 7_919 + scenario.0 * 104_729) % pounds(400_000));
    let path = PlanPath(vec![
        Step::Key("schemes".into()),
        Step::Index(scheme),
        Step::Key("forecast".into()),
    ]);
    Edit::new(EditKind::Set, path, Some(amount(pence)))
}
