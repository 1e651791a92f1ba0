//! What can go wrong with a workspace, in words for the person using it, with a stable code
//! for the app (`S-…`).

use std::path::{Path, PathBuf};

use pooled_core::findings::Finding;

use crate::ids::{PlanId, Revision, ScenarioId};
use pooled_core::plan::edit::EditError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("There is no workspace at {0}.")]
    NoWorkspace(PathBuf),
    #[error("{0} already exists; choose a new file name.")]
    AlreadyExists(PathBuf),
    #[error("{0} is not a Pooled workspace: {1}. It has not been changed.")]
    NotAWorkspace(PathBuf, String),
    #[error(
        "{path} was written by a newer version of Pooled (workspace version {found}; this version reads up to {supported}). It has not been changed; open it with a newer Pooled."
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("There is no plan {0} in this workspace.")]
    UnknownPlan(PlanId),
    #[error("There is no scenario {0} in this workspace.")]
    UnknownScenario(ScenarioId),
    #[error("The plan has {} error(s), so nothing was saved:\n{}", .0.len(), list(.0))]
    InvalidPlan(Vec<Finding>),
    #[error("{0}")]
    BadImport(String),
    #[error("The change was not made: {0}.")]
    BadEdit(#[from] EditError),
    #[error(
        "Scenario {scenario} was changed by {by} at {at} after you opened it (you had revision {expected}; it is now at revision {actual}). Nothing was saved: reload the scenario and make your change again."
    )]
    Conflict {
        scenario: ScenarioId,
        expected: Revision,
        actual: Revision,
        by: String,
        at: String,
    },
    #[error(
        "Scenario {scenario} is {status} and can never be changed; start a new draft from it instead."
    )]
    Frozen {
        scenario: ScenarioId,
        status: &'static str,
    },
    #[error("{0}")]
    BadSignOff(String),
    #[error("The workspace could not be used: {0}.")]
    Storage(String),
    #[error("Could not write {0}: {1}.")]
    Io(PathBuf, String),
}

impl StoreError {
    /// The stable code the app shows and tests match on.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NoWorkspace(_) => "S-NO-WORKSPACE",
            StoreError::AlreadyExists(_) => "S-EXISTS",
            StoreError::NotAWorkspace(..) => "S-NOT-WORKSPACE",
            StoreError::NewerVersion { .. } => "S-NEWER-VERSION",
            StoreError::UnknownPlan(_) => "S-UNKNOWN-PLAN",
            StoreError::UnknownScenario(_) => "S-UNKNOWN-SCENARIO",
            StoreError::InvalidPlan(_) => "S-INVALID-PLAN",
            StoreError::BadImport(_) => "S-BAD-IMPORT",
            StoreError::BadEdit(_) => "S-BAD-EDIT",
            StoreError::Conflict { .. } => "S-CONFLICT",
            StoreError::Frozen { .. } => "S-FROZEN",
            StoreError::BadSignOff(_) => "S-BAD-SIGNOFF",
            StoreError::Storage(_) => "S-STORAGE",
            StoreError::Io(..) => "S-IO",
        }
    }

    /// A SQLite failure, named for what it means to the user.
    pub(crate) fn storage(path: &Path, error: rusqlite::Error) -> StoreError {
        if is_not_a_database(&error) {
            return StoreError::not_a_workspace(path, error);
        }
        StoreError::from(error)
    }

    pub(crate) fn not_a_workspace(path: &Path, error: rusqlite::Error) -> StoreError {
        let why = if is_not_a_database(&error) {
            "it is not a SQLite database".to_owned()
        } else {
            error.to_string()
        };
        StoreError::NotAWorkspace(path.to_owned(), why)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        let message = match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                "another window or program is saving to it; try again in a moment".to_owned()
            }
            Some(rusqlite::ErrorCode::ReadOnly) => "the file is read-only".to_owned(),
            Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".to_owned(),
            _ => error.to_string(),
        };
        StoreError::Storage(message)
    }
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase)
    )
}

fn list(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  {f}"))
        .collect::<Vec<_>>()
        .join("\n")
}
