//! Files: backup and restore, files that are not (this version's) workspaces, an empty file,
//! the first run's `open_or_create`, and strict tables.

use std::path::PathBuf;

use pooled_core::Assessment;
use pooled_store::{AuditAction, Revision, SCHEMA_VERSION, Status, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::fixtures::demo_plan;
use pooled_testkit::store::{
    actions, change, code, import, query_column, query_value, refused, sidecar, snapshot,
    sqlite_error, verified_counts,
};
use rusqlite::Connection;
use serde_json::Value;

use crate::{fixed, save_m6_forecast, signoffs};

// ---------------------------------------------------------------------------------------------
// Backup and restore

#[test]
fn a_backup_opens_as_the_same_workspace() {
    let dir = TempDir::new("backup");
    let (mut ws, first) = fixed(&dir);
    let file = ws.path().to_owned();
    save_m6_forecast(&mut ws, first);
    ws.agree(first, Revision(1), &signoffs()).unwrap();
    let second = import(&mut ws, "two-hosts-reserve-caps");
    change(&mut ws, second, "schemes[0].forecast", "7800000.00", None);
    let before = snapshot(&ws);
    let entries_before = ws.history(None).unwrap();

    let copy = dir.path("backups/copy.pooled");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    ws.backup(&copy).unwrap();
    // The backup is recorded in the original's trail, after the copy was taken.
    let trail = ws.history(None).unwrap();
    assert_eq!(trail.len(), entries_before.len() + 1);
    assert_eq!(trail.last().unwrap().action, AuditAction::Backup);
    assert_eq!(
        trail.last().unwrap().detail["to"],
        copy.display().to_string()
    );

    let restored = Workspace::open(&copy, "Restorer").unwrap();
    assert_eq!(snapshot(&restored), before);
    assert_eq!(restored.history(None).unwrap(), entries_before);
    assert_eq!(
        restored.agreed_version(first).unwrap(),
        ws.agreed_version(first).unwrap()
    );
    assert_eq!(
        verified_counts(&restored),
        (
            entries_before.len() as i64,
            before.changes.len() as i64,
            1,
            2
        )
    );

    // Never onto an existing file.
    drop(restored);
    let copy_bytes = std::fs::read(&copy).unwrap();
    let err = ws.backup(&copy).unwrap_err();
    assert_eq!(err.code(), "S-EXISTS");
    assert_eq!(std::fs::read(&copy).unwrap(), copy_bytes);
    assert_eq!(code(ws.backup(&file)), "S-EXISTS");
    assert_eq!(ws.history(None).unwrap().len(), entries_before.len() + 1);
    assert_eq!(code(Workspace::create(&file, "x")), "S-EXISTS");
}

// ---------------------------------------------------------------------------------------------
// Files that are not (this version's) workspaces

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = TempDir::new("not-sqlite");
    let file = dir.path("notes.pooled");
    let text = b"Pool notes: remember to ask the ICB about the Q3 figures.\n".repeat(20);
    std::fs::write(&file, &text).unwrap();
    let err = refused(Workspace::open(&file, "Priya Shah"));
    assert_eq!(err.code(), "S-NOT-WORKSPACE");
    assert!(
        err.to_string().contains("it is not a SQLite database"),
        "{err}"
    );
    assert!(err.to_string().contains("It has not been changed"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), text);
    assert!(
        !sidecar(&file, "-wal").exists()
            && !sidecar(&file, "-shm").exists()
            && !sidecar(&file, "-journal").exists()
    );
    assert_eq!(
        code(Workspace::open_or_create(&file, "Priya Shah")),
        "S-NOT-WORKSPACE"
    );
    assert_eq!(std::fs::read(&file).unwrap(), text);
}

#[test]
fn a_missing_file_is_no_workspace_and_is_not_created() {
    let dir = TempDir::new("missing");
    let file = dir.path("nowhere/ws.pooled");
    let err = refused(Workspace::open(&file, "Priya Shah"));
    assert_eq!(err.code(), "S-NO-WORKSPACE");
    assert!(
        err.to_string().starts_with("There is no workspace at"),
        "{err}"
    );
    assert!(!file.exists());
    assert!(!file.parent().unwrap().exists());
}

#[test]
fn another_programs_database_is_refused_and_left_alone() {
    let dir = TempDir::new("foreign");
    let file = dir.path("accounts.db");
    {
        let conn = Connection::open(&file).unwrap();
        conn.execute_batch("CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT); INSERT INTO foo (bar) VALUES ('baz');").unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();
    let err = refused(Workspace::open(&file, "Priya Shah"));
    assert_eq!(err.code(), "S-NOT-WORKSPACE");
    assert!(
        err.to_string()
            .contains("a SQLite database of another program"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!sidecar(&file, "-wal").exists());
    let conn = Connection::open(&file).unwrap();
    assert_eq!(
        query_value::<String>(&conn, "PRAGMA journal_mode"),
        "delete",
        "the other program's journal mode was not switched to WAL"
    );
}

fn newer_version_file(dir: &TempDir) -> PathBuf {
    let (ws, _) = fixed(dir);
    let file = ws.path().to_owned();
    drop(ws);
    let conn = Connection::open(&file).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    file
}

#[test]
fn a_workspace_from_a_newer_pooled_is_refused_and_never_modified() {
    let dir = TempDir::new("newer");
    let file = newer_version_file(&dir);
    let bytes = std::fs::read(&file).unwrap();
    let wal = sidecar(&file, "-wal");
    assert!(!wal.exists());

    let err = refused(Workspace::open(&file, "Priya Shah"));
    assert_eq!(err.code(), "S-NEWER-VERSION");
    let message = err.to_string();
    assert!(
        message.contains(&format!("workspace version {}", SCHEMA_VERSION + 1)),
        "{message}"
    );
    assert!(
        message.contains(&format!("reads up to {SCHEMA_VERSION}")),
        "{message}"
    );
    assert!(message.contains("It has not been changed"), "{message}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!wal.exists());
    assert_eq!(
        code(Workspace::open_or_create(&file, "Priya Shah")),
        "S-NEWER-VERSION"
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!wal.exists());
}

/// A workspace still open, with a newer Pooled's connection that has set a newer version: the
/// version bump sits in the -wal file.
fn newer_version_open(dir: &TempDir) -> (Workspace, PathBuf, Connection) {
    let (ws, _) = fixed(dir);
    let file = ws.path().to_owned();
    let newer = Connection::open(&file).unwrap();
    newer
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    (ws, file, newer)
}

#[test]
fn a_newer_workspace_with_its_wal_open_elsewhere_is_left_as_it_was() {
    // The newer Pooled still has the file open, so the version bump sits in the -wal file.
    let dir = TempDir::new("newer-wal");
    let (ws, file, newer) = newer_version_open(&dir);
    drop(ws);
    let wal = sidecar(&file, "-wal");
    assert!(wal.exists());
    let (bytes, wal_bytes) = (std::fs::read(&file).unwrap(), std::fs::read(&wal).unwrap());

    assert_eq!(
        code(Workspace::open(&file, "Priya Shah")),
        "S-NEWER-VERSION"
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(std::fs::read(&wal).unwrap(), wal_bytes);
    drop(newer);
}

/// Found while writing these tests: when a newer Pooled left its workspace with a -wal file (it
/// crashed, or was killed, before checkpointing), `Workspace::open` refuses it as it should, but
/// the refusing connection checkpoints the WAL into the main file when it closes and deletes the
/// -wal: the file's bytes change although the message says "It has not been changed". The
/// committed content is the same, but the newer version's file is rewritten by an older one.
#[test]
fn a_newer_workspace_left_with_a_wal_is_not_checkpointed_by_the_refusal() {
    let dir = TempDir::new("newer-crashed");
    let (ws, file, newer) = newer_version_open(&dir);
    // What a crash leaves: the main file and its -wal, with no process holding them.
    let crashed = dir.path("crashed.pooled");
    std::fs::copy(&file, &crashed).unwrap();
    std::fs::copy(sidecar(&file, "-wal"), sidecar(&crashed, "-wal")).unwrap();
    drop((ws, newer));
    let bytes = std::fs::read(&crashed).unwrap();
    let wal = std::fs::read(sidecar(&crashed, "-wal")).unwrap();
    assert!(!wal.is_empty());

    assert_eq!(
        code(Workspace::open(&crashed, "Priya Shah")),
        "S-NEWER-VERSION"
    );
    assert!(
        sidecar(&crashed, "-wal").exists(),
        "the -wal file was checkpointed away"
    );
    assert_eq!(std::fs::read(sidecar(&crashed, "-wal")).unwrap(), wal);
    assert_eq!(
        std::fs::read(&crashed).unwrap(),
        bytes,
        "the main file was rewritten"
    );
}

/// Found while writing these tests: an empty file (say one made by `touch`, or a download that
/// failed) is silently turned into an empty workspace by `Workspace::open`, with no
/// `create-workspace` entry; `open_or_create` then does not import the demo plan either.
#[test]
fn an_empty_file_is_not_silently_made_a_workspace() {
    let dir = TempDir::new("empty");
    let file = dir.path("empty.pooled");
    std::fs::write(&file, b"").unwrap();
    let result = Workspace::open(&file, "Priya Shah");
    let len = std::fs::metadata(&file).unwrap().len();
    assert!(
        result.is_err(),
        "an empty file was opened as a workspace and is now {len} bytes"
    );
    assert_eq!(len, 0);
}

// ---------------------------------------------------------------------------------------------
// First run, pragmas and the schema

#[test]
fn open_or_create_starts_a_new_workspace_with_the_demo_plan() {
    let dir = TempDir::new("first-run");
    let file = dir.path("data/pooled/workspace.pooled");
    let ws = Workspace::open_or_create(&file, "Priya Shah").unwrap();
    let demo: Value = serde_json::from_slice(&demo_plan()).unwrap();
    let plans = ws.plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].name, demo["name"].as_str().unwrap());
    assert_eq!(plans[0].financial_year, "2025-26");
    let scenarios = ws.scenarios(None).unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(
        (
            scenarios[0].name.as_str(),
            scenarios[0].status,
            scenarios[0].revision
        ),
        ("Baseline", Status::Draft, Revision(0))
    );
    let document = ws.scenario(scenarios[0].id).unwrap().document;
    assert_eq!(
        document.schemes.len(),
        demo["schemes"].as_array().unwrap().len()
    );
    assert!(matches!(
        ws.assessment(scenarios[0].id).unwrap(),
        Assessment::Evaluated(_)
    ));
    assert_eq!(actions(&ws, None), ["create-workspace", "import"]);
    assert_eq!(ws.integrity_check().unwrap(), "ok");

    // journal_mode is a property of the file: a fresh connection sees WAL.
    let raw = Connection::open(&file).unwrap();
    assert_eq!(query_value::<String>(&raw, "PRAGMA journal_mode"), "wal");
    assert_eq!(
        query_value::<i64>(&raw, "PRAGMA user_version"),
        SCHEMA_VERSION
    );
    // foreign_keys and synchronous are per connection: the workspace's own says what it uses.
    let settings = ws.settings().unwrap();
    assert_eq!(
        (
            settings.journal_mode.as_str(),
            settings.foreign_keys,
            settings.synchronous.as_str()
        ),
        ("wal", true, "2")
    );
    drop(raw);
    drop(ws);

    // Opened again, the existing workspace is used as it is: no second demo import.
    let ws = Workspace::open_or_create(&file, "Priya Shah").unwrap();
    assert_eq!(ws.plans().unwrap().len(), 1);
    assert_eq!(ws.history(None).unwrap().len(), 2);
    assert_eq!(verified_counts(&ws), (2, 0, 0, 1));
}

#[test]
fn every_table_is_strict() {
    let dir = TempDir::new("strict");
    let file = dir.path("ws.pooled");
    drop(Workspace::create(&file, "Priya Shah").unwrap());
    let raw = Connection::open(&file).unwrap();
    let tables = [
        "plans",
        "scenarios",
        "changes",
        "agreements",
        "signoffs",
        "agreed_positions",
        "audit",
    ];
    for table in tables {
        let strict: i64 = raw
            .query_row(
                "SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("table {table}: {e}"));
        assert_eq!(strict, 1, "table {table} is not STRICT");
    }
    let all: Vec<String> = query_column(
        &raw,
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    let mut expected = tables.map(str::to_owned).to_vec();
    expected.sort();
    assert_eq!(all, expected, "a table was added without being listed here");
    // STRICT in practice: text is not accepted as pence.
    let error = sqlite_error(
        &raw,
        "INSERT INTO audit (seq, at, actor, action, plan_id, detail, prev_hash, hash) VALUES (99, 'a', 'b', 'c', 'twelve', '{}', 'd', 'e')",
    );
    assert!(
        error.contains("cannot store TEXT value in INTEGER column"),
        "{error}"
    );
}
