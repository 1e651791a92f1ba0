//! What the other modules share: a temporary directory per test, the example plans, and small
//! helpers for edits, refusals, money, sign-offs, sidecar files, snapshots and plain SQL.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use pooled_core::Assessment;
use pooled_core::hashing::canonical_json;
use pooled_core::money::Money;
use pooled_core::outcome::Outcome;
use pooled_core::plan::edit::{Edit, EditKind, exact_value};
use pooled_core::plan::path::PlanPath;
use pooled_store::{SignOff, StoreError, Workspace};
use rusqlite::Connection;

/// A directory of its own under the system temp dir, removed when the test ends.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("pooled-store-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative),
    )
    .unwrap()
}

pub(crate) fn example(name: &str) -> Vec<u8> {
    fixture(&format!("examples/{name}.plan.json"))
}

/// `set <path> <value as typed>`.
pub(crate) fn set(path: &str, typed: &str) -> Edit {
    Edit::new(
        EditKind::Set,
        PlanPath::parse(path).unwrap(),
        Some(exact_value(typed)),
    )
}

pub(crate) fn refused<T>(result: Result<T, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("the store should have refused"),
        Err(e) => e,
    }
}

pub(crate) fn code<T>(result: Result<T, StoreError>) -> &'static str {
    refused(result).code()
}

/// Pounds and pence as written in plans, in whole pence.
pub(crate) fn pence(text: &str) -> i64 {
    Money::parse(text).unwrap().pence()
}

pub(crate) fn outcome(assessment: Assessment) -> Outcome {
    match assessment {
        Assessment::Evaluated(outcome) => *outcome,
        Assessment::Rejected(r) => panic!("the plan was rejected: {:?}", r.findings),
    }
}

pub(crate) fn signoffs() -> Vec<SignOff> {
    let s = |name: &str, role: &str, organisation: &str| SignOff {
        name: name.into(),
        role: role.into(),
        organisation: organisation.into(),
        date: "2025-03-28".into(),
    };
    vec![
        s(
            "Jo Adeyemi",
            "Pooled fund manager",
            "Telford & Wrekin Council",
        ),
        s(
            "Sam Whitfield",
            "Chief finance officer",
            "Shropshire, Telford and Wrekin ICB",
        ),
        s(
            "Ruth Okafor",
            "Section 151 officer",
            "Telford & Wrekin Council",
        ),
    ]
}

pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Everything a refused action must leave as it was.
#[derive(Debug, PartialEq)]
pub(crate) struct Snapshot {
    plans: Vec<pooled_store::PlanSummary>,
    scenarios: Vec<pooled_store::ScenarioSummary>,
    documents: Vec<String>,
    pub(crate) changes: Vec<pooled_store::ChangeRecord>,
    audit_entries: usize,
}

pub(crate) fn snapshot(ws: &Workspace) -> Snapshot {
    let scenarios = ws.scenarios(None).unwrap();
    let documents = scenarios
        .iter()
        .map(|s| canonical_json(&ws.scenario(s.id).unwrap().document))
        .collect();
    let changes = scenarios
        .iter()
        .flat_map(|s| ws.changes(s.id).unwrap())
        .collect();
    Snapshot {
        plans: ws.plans().unwrap(),
        scenarios,
        documents,
        changes,
        audit_entries: ws.history(None).unwrap().len(),
    }
}

pub(crate) fn sqlite_error(conn: &Connection, sql: &str) -> String {
    match conn.execute(sql, []) {
        Ok(n) => panic!("plain SQL was allowed ({n} rows): {sql}"),
        Err(e) => e.to_string(),
    }
}
