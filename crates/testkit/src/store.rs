//! Workspaces as the tests use them: one made from a worked example, refusals and their codes,
//! a snapshot of everything a refused action must leave as it was, and plain SQL on the file.

use std::path::{Path, PathBuf};

use pooled_core::hashing::canonical_json;
use pooled_store::{
    AuditAction, AuditEntry, ChangeRecord, PlanSummary, Revision, ScenarioId, ScenarioSummary,
    StoreError, Workspace,
};
use rusqlite::Connection;

use crate::TempDir;
use crate::fixtures::example;
use crate::plans::set;

/// A new workspace `ws.pooled` in `dir`, with the worked example `name` imported as plan 1,
/// scenario "Baseline"; returns the workspace and the scenario's id.
pub fn workspace_with(dir: &TempDir, name: &str, actor: &str) -> (Workspace, ScenarioId) {
    let mut ws = Workspace::create(&dir.path("ws.pooled"), actor).expect("a new workspace");
    let id = import(&mut ws, name);
    (ws, id)
}

/// Imports the worked example `name` as a new plan, scenario "Baseline".
pub fn import(ws: &mut Workspace, name: &str) -> ScenarioId {
    ws.import_plan(&example(name), "Baseline", &format!("{name}.plan.json"))
        .unwrap_or_else(|e| panic!("importing {name}: {e}"))
}

/// Sets one field of a draft at the revision it is at now, as `pooled set` does, with an
/// optional reason; returns the new revision.
pub fn change(
    ws: &mut Workspace,
    id: ScenarioId,
    path: &str,
    typed: &str,
    reason: Option<&str>,
) -> Revision {
    let at = ws.summary(id).expect("the scenario").revision;
    ws.edit(id, at, &[set(path, typed)], reason)
        .unwrap_or_else(|e| panic!("set {path} {typed}: {e}"))
}

/// The error of an action that must be refused.
pub fn refused<T>(result: Result<T, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("the store should have refused"),
        Err(e) => e,
    }
}

/// The code of an action that must be refused: `S-FROZEN`, `S-CONFLICT`…
pub fn code<T>(result: Result<T, StoreError>) -> &'static str {
    refused(result).code()
}

/// The actions of the whole audit trail, or of one scenario's entries, in order.
pub fn actions(ws: &Workspace, scenario: Option<ScenarioId>) -> Vec<&'static str> {
    ws.history(scenario)
        .expect("the audit trail")
        .iter()
        .map(|e| e.action.as_str())
        .collect()
}

/// The audit entries of one action about a scenario.
pub fn entries_of(ws: &Workspace, scenario: ScenarioId, action: AuditAction) -> Vec<AuditEntry> {
    ws.history(Some(scenario))
        .expect("the audit trail")
        .into_iter()
        .filter(|e| e.action == action)
        .collect()
}

/// What `verify` counted: entries, changes, agreements, scenarios; it must find the trail
/// intact.
pub fn verified_counts(ws: &Workspace) -> (i64, i64, i64, i64) {
    let report = ws.verify().expect("verify runs");
    assert!(report.is_intact(), "{report:?}");
    (
        report.entries,
        report.changes,
        report.agreements,
        report.scenarios,
    )
}

/// The file SQLite keeps beside a database: `sidecar(path, "-wal")`.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Everything a refused action must leave as it was.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub plans: Vec<PlanSummary>,
    pub scenarios: Vec<ScenarioSummary>,
    /// Each scenario's document, as canonical JSON.
    pub documents: Vec<String>,
    pub changes: Vec<ChangeRecord>,
    pub audit_entries: usize,
}

pub fn snapshot(ws: &Workspace) -> Snapshot {
    let scenarios = ws.scenarios(None).expect("scenarios");
    let documents = scenarios
        .iter()
        .map(|s| canonical_json(&ws.scenario(s.id).expect("a scenario").document))
        .collect();
    let changes = scenarios
        .iter()
        .flat_map(|s| ws.changes(s.id).expect("changes"))
        .collect();
    Snapshot {
        plans: ws.plans().expect("plans"),
        scenarios,
        documents,
        changes,
        audit_entries: ws.history(None).expect("the audit trail").len(),
    }
}

/// The error SQLite gives for plain SQL that must be refused.
pub fn sqlite_error(conn: &Connection, sql: &str) -> String {
    match conn.execute(sql, []) {
        Ok(n) => panic!("plain SQL was allowed ({n} rows): {sql}"),
        Err(e) => e.to_string(),
    }
}

/// One value a query gives, such as a pragma's: `query_value(&conn, "PRAGMA journal_mode")`.
pub fn query_value<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> T {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The first column of every row a query gives.
pub fn query_column<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> Vec<T> {
    conn.prepare(sql)
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// `PRAGMA user_version` read straight from a database file's header (bytes 60..64), without
/// opening it.
pub fn header_user_version(bytes: &[u8]) -> i64 {
    i64::from(u32::from_be_bytes(
        bytes[60..64].try_into().expect("a database header"),
    ))
}
