//! The workspace store: one SQLite file holding plans, their scenarios, every change made to a
//! draft, agreed versions with their sign-offs, and a hash-chained audit trail.
//!
//! Each user action is one transaction. Agreed versions are frozen by triggers as well as by this
//! code. The command line and the desktop app call the same [`Workspace`] methods.

mod agreement;
pub mod audit;
mod error;
mod first_run;
mod ids;
mod scenarios;
mod schema;
mod verify;

use std::path::{Path, PathBuf};

use pooled_core::dates::Timestamp;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use agreement::AgreedVersion;
use audit::Entry;
pub use audit::{AuditAction, AuditEntry, HistoryFilter};
pub use error::StoreError;
pub use first_run::{DEMO_PLAN, default_workspace_path};
pub use ids::{ChangeId, EntrySeq, PlanId, Revision, ScenarioId};
pub use pooled_core::signoff::SignOff;
pub use scenarios::{
    ChangeRecord, PlanSummary, Saved, Scenario, ScenarioHistory, ScenarioSummary, Status,
};
pub use schema::SCHEMA_VERSION;
pub use verify::{AuditReport, Broken};

/// A connection's settings as SQLite reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub journal_mode: String,
    pub foreign_keys: bool,
    /// `2` is FULL.
    pub synchronous: String,
}

/// An open workspace file, and the name its actions are recorded under.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    actor: String,
}

/// The name of the person using Pooled when none is given: the operating-system user.
pub fn default_actor() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown user".to_owned())
}

/// Now, as recorded in the workspace: UTC, to the millisecond.
fn now() -> Timestamp {
    Timestamp::at(chrono::Utc::now())
}

impl Workspace {
    /// Creates a new, empty workspace file; refuses to overwrite an existing file.
    pub fn create(path: &Path, actor: &str) -> Result<Workspace, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Io(path.to_owned(), e.to_string()))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::storage(path, e))?;
        let mut workspace = Workspace::prepare(conn, path, actor)?;
        let detail = serde_json::json!({"schema_version": SCHEMA_VERSION});
        workspace.log(Entry::of_workspace(AuditAction::CreateWorkspace, detail))?;
        Ok(workspace)
    }

    /// Opens an existing workspace file, migrating it to this version's schema if older. A file
    /// that is not a workspace, or one from a newer Pooled, is refused and left untouched.
    pub fn open(path: &Path, actor: &str) -> Result<Workspace, StoreError> {
        if !path.exists() {
            return Err(StoreError::NoWorkspace(path.to_owned()));
        }
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::storage(path, e))?;
        // A log left by a crash can hold a newer version than the header: look again, and leave
        // such a file as it is (no checkpoint when this connection closes).
        let version =
            schema::user_version(&conn).map_err(|e| StoreError::not_a_workspace(path, e))?;
        if let Err(refusal) = check_version(path, version) {
            let no_checkpoint = rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE;
            let _ = conn.set_db_config(no_checkpoint, true);
            return Err(refusal);
        }
        Workspace::prepare(conn, path, actor)
    }

    fn prepare(mut conn: Connection, path: &Path, actor: &str) -> Result<Workspace, StoreError> {
        schema::configure(&conn).map_err(|e| StoreError::not_a_workspace(path, e))?;
        schema::migrate(&mut conn).map_err(|e| StoreError::storage(path, e))?;
        Ok(Workspace {
            conn,
            path: path.to_owned(),
            actor: actor_name(actor),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Runs one user action as one transaction, taking the write lock at the start so two
    /// writers queue rather than fail half-way.
    fn write<T>(
        &mut self,
        action: impl FnOnce(&Connection, &Timestamp, &str) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.try_write(|conn, at, actor| action(conn, at, actor).map_err(StoreError::from))
    }

    /// Like `write`, for actions that can also fail for reasons of their own.
    fn try_write<T>(
        &mut self,
        action: impl FnOnce(&Connection, &Timestamp, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::storage(&path, e))?;
        let at = now();
        let value = action(&tx, &at, &self.actor)?;
        tx.commit().map_err(|e| StoreError::storage(&path, e))?;
        Ok(value)
    }

    /// Records an action that changes nothing else as one audit entry.
    fn log(&mut self, entry: Entry) -> Result<(), StoreError> {
        self.write(|conn, at, actor| audit::append(conn, at, actor, entry))?;
        Ok(())
    }

    /// Copies the workspace to a new file with SQLite's online backup, safe while in use.
    /// Restoring is opening the copy.
    pub fn backup(&mut self, destination: &Path) -> Result<(), StoreError> {
        if destination.exists() {
            return Err(StoreError::AlreadyExists(destination.to_owned()));
        }
        {
            let mut target =
                Connection::open(destination).map_err(|e| StoreError::storage(destination, e))?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)
                .map_err(|e| StoreError::storage(destination, e))?;
            backup
                .run_to_completion(256, std::time::Duration::from_millis(5), None)
                .map_err(|e| StoreError::storage(destination, e))?;
        }
        let copy = destination.display().to_string();
        let detail = serde_json::json!({"to": copy});
        self.log(Entry::of_workspace(AuditAction::Backup, detail))?;
        Ok(())
    }

    /// The whole audit trail, or the entries about one scenario.
    pub fn history(&self, scenario_id: Option<ScenarioId>) -> Result<Vec<AuditEntry>, StoreError> {
        audit::entries(&self.conn, scenario_id).map_err(|e| StoreError::storage(&self.path, e))
    }

    /// The audit entries that match a filter, oldest first.
    pub fn history_matching(&self, filter: &HistoryFilter) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .history(filter.scenario_id)?
            .into_iter()
            .filter(|e| filter.matches(e))
            .collect())
    }

    /// Checks the whole trail and everything it vouches for; see [`verify`](verify) for what.
    pub fn verify(&self) -> Result<AuditReport, StoreError> {
        verify::verify(&self.conn, &self.path)
    }

    /// The connection's durability settings, for diagnostics: WAL journal, foreign keys on,
    /// synchronous FULL (2).
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let pragma = |name: &str| -> Result<String, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })
                .map(|v| match v {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })?)
        };
        Ok(Settings {
            journal_mode: pragma("journal_mode")?,
            foreign_keys: pragma("foreign_keys")? == "1",
            synchronous: pragma("synchronous")?,
        })
    }

    /// SQLite's own check of the file's structure: `ok` when sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| StoreError::storage(&self.path, e))
    }

    /// Records that a scenario's document, outcome or paper was written to a file.
    pub fn record_export(
        &mut self,
        scenario_id: ScenarioId,
        what: &str,
        to: &str,
    ) -> Result<(), StoreError> {
        let plan_id = scenarios::scenario_in(&self.conn, scenario_id)?.0.plan_id;
        let detail = serde_json::json!({"what": what, "to": to});
        self.log(Entry::about(
            AuditAction::Export,
            plan_id,
            scenario_id,
            detail,
        ))?;
        Ok(())
    }
}

/// Looks at a file before SQLite opens it: it must be a workspace of a version this build
/// reads. Only the 100-byte database header is read, so a refused file stays exactly as it was,
/// even one left with a write-ahead log by a crash.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| StoreError::Io(path.to_owned(), e.to_string()))?;
    let refuse = |why: &str| Err(StoreError::NotAWorkspace(path.to_owned(), why.to_owned()));
    if header.is_empty() {
        return refuse("it is empty");
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return refuse("it is not a SQLite database");
    }
    // `PRAGMA user_version` is the big-endian integer at offset 60 of the header. A newer
    // version is refused here; anything else is judged after SQLite has read the log too.
    let version = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    if version > SCHEMA_VERSION {
        return check_version(path, version);
    }
    Ok(())
}

fn check_version(path: &Path, version: i64) -> Result<(), StoreError> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 1 {
        // Every workspace is created at version 1 or later.
        return Err(StoreError::NotAWorkspace(
            path.to_owned(),
            "it is a SQLite database of another program".to_owned(),
        ));
    }
    Ok(())
}

fn actor_name(actor: &str) -> String {
    let trimmed = actor.trim();
    if trimmed.is_empty() {
        default_actor()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_is_durable_and_checked() {
        let dir = std::env::temp_dir().join(format!("pooled-settings-{}", std::process::id()));
        let path = dir.join("ws.pooled");
        let _ = std::fs::remove_dir_all(&dir);
        Workspace::create(&path, "Ann").unwrap();
        let workspace = Workspace::open(&path, "Ann").unwrap();
        let settings = workspace.settings().unwrap();
        assert_eq!(
            settings,
            Settings {
                journal_mode: "wal".into(),
                foreign_keys: true,
                synchronous: "2".into()
            }
        );
        // Foreign keys are enforced: a scenario of a plan that does not exist is refused.
        let orphan = workspace.conn.execute(
            "INSERT INTO scenarios (plan_id, name, status, base_document, document, created_at, created_by)
             VALUES (99, 'x', 'draft', '{}', '{}', 'now', 'Ann')",
            [],
        );
        assert!(orphan.unwrap_err().to_string().contains("FOREIGN KEY"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
