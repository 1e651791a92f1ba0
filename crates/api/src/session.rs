//! Which workspace file is used and under whose name actions are recorded: the same rules for
//! the command line and the window.

use std::path::{Path, PathBuf};

use pooled_store::{DEMO_PLAN, ScenarioId, Workspace, default_actor, default_workspace_path};

use crate::AppError;

/// The workspace and name asked for (`--workspace`, `--as`), before the environment's
/// defaults (`POOLED_WORKSPACE`, `POOLED_USER`) and the system's are applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub path: Option<PathBuf>,
    pub actor: Option<String>,
}

/// A workspace just opened, and whether it had to be made (the default one, the first time).
pub struct Opened {
    pub workspace: Workspace,
    pub created: bool,
}

fn env_text(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Choice {
    /// The name actions are recorded under.
    pub fn actor(&self) -> String {
        self.actor
            .clone()
            .or_else(|| env_text("POOLED_USER"))
            .unwrap_or_else(default_actor)
    }

    /// The workspace file named by the person or the environment, if any.
    pub fn given_path(&self) -> Option<PathBuf> {
        self.path
            .clone()
            .or_else(|| env_text("POOLED_WORKSPACE").map(PathBuf::from))
    }

    /// The file that will be used: the one given, else the default.
    pub fn path(&self) -> PathBuf {
        self.given_path().unwrap_or_else(default_workspace_path)
    }

    /// Opens the workspace: a file that was named must exist; the default one is made, with
    /// the demo plan in it, the first time it is needed.
    pub fn open(&self) -> Result<Opened, AppError> {
        let actor = self.actor();
        if let Some(path) = self.given_path() {
            return Ok(Opened {
                workspace: Workspace::open(&path, &actor)?,
                created: false,
            });
        }
        let path = default_workspace_path();
        let created = !path.exists();
        Ok(Opened {
            workspace: Workspace::open_or_create(&path, &actor)?,
            created,
        })
    }

    /// Opens the workspace, making it with the demo plan in it if there is no such file yet,
    /// whether it was named or is the default: how the window starts.
    pub fn open_or_create(&self) -> Result<Workspace, AppError> {
        Ok(Workspace::open_or_create(&self.path(), &self.actor())?)
    }

    /// Makes a new workspace file (never over an existing one), with the demo plan unless
    /// `empty`; returns it and the demo's scenario.
    pub fn create(&self, empty: bool) -> Result<(Workspace, Option<ScenarioId>), AppError> {
        let mut workspace = Workspace::create(&self.path(), &self.actor())?;
        let demo = if empty {
            None
        } else {
            Some(import_demo(&mut workspace)?)
        };
        Ok((workspace, demo))
    }
}

/// Imports the demo plan (Northbrook 2025/26) as a new plan.
pub fn import_demo(workspace: &mut Workspace) -> Result<ScenarioId, AppError> {
    Ok(workspace.import_plan(DEMO_PLAN, "Baseline", "demo plan (Northbrook 2025-26)")?)
}

/// The workspace path given on a command line as `--workspace PATH` or `--workspace=PATH`.
pub fn path_argument(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--workspace=") {
            return Some(Path::new(path).to_owned());
        }
    }
    None
}
