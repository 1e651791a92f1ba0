//! The workspace store as the command line and the desktop app use it: importing, editing,
//! agreeing, two writers, tamper detection, backups and files that are not workspaces.
//!
//! Every test of this target is in one of its modules, by topic (what they share with the
//! other tests is in `pooled_testkit`):
//!
//! - [`editing`]: importing, edits, invalid edits and plans, bad paths and unknown ids;
//! - [`conflicts`]: two writers and stale revisions;
//! - [`agreement`]: agreeing, freezing by code and triggers, sign-offs, supersession, plain SQL;
//! - [`tampering`]: `verify` after tampering with a SQLite tool;
//! - [`files`]: backup, files that are not workspaces, newer versions, an empty file,
//!   `open_or_create` and strict tables.

mod agreement;
mod conflicts;
mod editing;
mod files;
mod tampering;

use pooled_store::{Revision, ScenarioId, SignOff, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::store::{change, workspace_with};

/// Who makes the changes, unless a test says otherwise.
const ACTOR: &str = "Priya Shah";

/// The worked example most tests start from.
const FIXED: &str = "fixed-50-50";

/// A new workspace in `dir` with the fixed 50:50 example imported by [`ACTOR`].
fn fixed(dir: &TempDir) -> (Workspace, ScenarioId) {
    workspace_with(dir, FIXED, ACTOR)
}

/// Saves the month 6 forecast of scheme S01, £20,000.01 over the one imported, to a scenario.
fn save_m6_forecast(ws: &mut Workspace, id: ScenarioId) -> Revision {
    change(
        ws,
        id,
        "schemes[0].forecast",
        "5000000.01",
        Some("M6 forecast"),
    )
}

/// The three sign-offs of the March board.
fn signoffs() -> Vec<SignOff> {
    pooled_testkit::plans::signoffs("2025-03-28")
}
