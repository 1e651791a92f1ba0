//! Where the workspace lives when no path is given, and what a new one starts with.

use std::path::{Path, PathBuf};

use super::{StoreError, Workspace};

/// The demo plan every new default workspace starts with, so a first-time user sees a real pool.
pub const DEMO_PLAN: &[u8] = include_bytes!("../../../fixtures/demo/northbrook-2025-26.plan.json");

/// `$XDG_DATA_HOME/pooled/workspace.pooled`, else `~/.local/share/pooled/workspace.pooled`.
pub fn default_workspace_path() -> PathBuf {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data_home.join("pooled").join("workspace.pooled")
}

impl Workspace {
    /// Opens the workspace at `path`, creating it with the demo plan imported if there is none.
    pub fn open_or_create(path: &Path, actor: &str) -> Result<Workspace, StoreError> {
        if path.exists() {
            return Workspace::open(path, actor);
        }
        let mut workspace = Workspace::create(path, actor)?;
        workspace.import_plan(DEMO_PLAN, "Baseline", "demo plan (Northbrook 2025-26)")?;
        Ok(workspace)
    }
}
