//! Tamper detection: `verify` after a SQLite tool has dropped the triggers and altered the file.

use std::path::{Path, PathBuf};

use pooled_store::Workspace;
use rusqlite::Connection;

use crate::support::{TempDir, example, set, sidecar, signoffs};

fn drop_all_triggers(conn: &Connection) {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        names.len() >= 15,
        "expected the protecting triggers, found {names:?}"
    );
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))
            .unwrap();
    }
}

/// A closed workspace file (no -wal) with:
/// 1 create-workspace, 2 import (scenario 1), 3 change 1, 4 change 2, 5 agree scenario 1,
/// 6 branch (scenario 2), 7 change 3, 8 change 4.
fn populated(dir: &TempDir) -> PathBuf {
    let file = dir.path("populated.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    let first = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    ws.edit(
        first,
        0,
        &[set("schemes[0].forecast", "5000000.01")],
        Some("M6 forecast"),
    )
    .unwrap();
    ws.edit(
        first,
        1,
        &[set("schemes[1].forecast", "5600000.00")],
        Some("Home care activity"),
    )
    .unwrap();
    ws.agree(first, 2, &signoffs()).unwrap();
    let draft = ws.branch(first, "Winter").unwrap();
    ws.edit(
        draft,
        0,
        &[set("schemes[2].forecast", "6900000.00")],
        Some("Winter pressures"),
    )
    .unwrap();
    ws.edit(
        draft,
        1,
        &[set("schemes[3].forecast", "5190000.00")],
        Some("Carers' uplift"),
    )
    .unwrap();
    assert_eq!((first, draft), (1, 2));
    assert_eq!(
        ws.history(None)
            .unwrap()
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        [
            "create-workspace",
            "import",
            "change",
            "change",
            "agree",
            "branch",
            "change",
            "change"
        ]
    );
    drop(ws);
    assert!(
        !sidecar(&file, "-wal").exists(),
        "closing the last connection checkpoints the WAL away"
    );
    file
}

/// Copies the populated workspace, drops its triggers with a raw connection, runs `sql`, and
/// returns what `verify` then says.
fn tampered(dir: &TempDir, original: &Path, name: &str, sql: &str) -> pooled_store::AuditReport {
    let copy = dir.path(&format!("{name}.pooled"));
    std::fs::copy(original, &copy).unwrap();
    {
        let raw = Connection::open(&copy).unwrap();
        drop_all_triggers(&raw);
        let rows = raw.execute(sql, []).unwrap();
        assert_eq!(rows, 1, "{sql}");
    }
    Workspace::open(&copy, "Auditor").unwrap().verify().unwrap()
}

fn broken(report: &pooled_store::AuditReport) -> (Option<i64>, String) {
    let b = report
        .broken
        .as_ref()
        .unwrap_or_else(|| panic!("the tampering was not detected: {report:?}"));
    (b.seq, b.problem.clone())
}

#[test]
fn an_untampered_copy_verifies_intact_with_exact_counts() {
    let dir = TempDir::new("untampered");
    let original = populated(&dir);
    let copy = dir.path("copy.pooled");
    std::fs::copy(&original, &copy).unwrap();
    {
        // Dropping the triggers alone changes no data.
        let raw = Connection::open(&copy).unwrap();
        drop_all_triggers(&raw);
    }
    let report = Workspace::open(&copy, "Auditor").unwrap().verify().unwrap();
    assert_eq!(report.broken, None);
    assert_eq!(
        (
            report.entries,
            report.changes,
            report.agreements,
            report.scenarios
        ),
        (8, 4, 1, 2)
    );
}

#[test]
fn tampering_with_an_audit_entry_names_that_entry() {
    let dir = TempDir::new("tamper-audit");
    let original = populated(&dir);
    let report = tampered(
        &dir,
        &original,
        "a",
        "UPDATE audit SET detail = replace(detail, 'M6 forecast', 'M7 forecast') WHERE seq = 3",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(3));
    assert!(
        problem.contains("audit entry 3 (change by Priya Shah"),
        "{problem}"
    );
    assert!(problem.contains("altered"), "{problem}");
    assert_eq!(report.entries, 2, "entries before the broken one");

    // Rewriting the hash too does not help: the next entry no longer follows it.
    let copy = dir.path("a2.pooled");
    std::fs::copy(&original, &copy).unwrap();
    {
        let raw = Connection::open(&copy).unwrap();
        drop_all_triggers(&raw);
        raw.execute("UPDATE audit SET hash = 'f00d' WHERE seq = 3", [])
            .unwrap();
    }
    let report = Workspace::open(&copy, "Auditor").unwrap().verify().unwrap();
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(3));
    assert!(problem.contains("audit entry 3"), "{problem}");
}

#[test]
fn deleting_a_middle_audit_entry_names_the_missing_entry() {
    let dir = TempDir::new("tamper-middle");
    let original = populated(&dir);
    let report = tampered(&dir, &original, "b", "DELETE FROM audit WHERE seq = 4");
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(5));
    assert!(problem.contains("audit entry 4 is missing"), "{problem}");
    assert!(problem.contains("from entry 3 to entry 5"), "{problem}");
}

#[test]
fn deleting_the_newest_audit_entry_leaves_a_change_without_its_entry() {
    let dir = TempDir::new("tamper-last");
    let original = populated(&dir);
    let report = tampered(&dir, &original, "c", "DELETE FROM audit WHERE seq = 8");
    let (_, problem) = broken(&report);
    assert!(
        problem.contains("change 4 to scenario 2 (schemes[3].forecast) has no audit entry"),
        "{problem}"
    );
    assert_eq!(report.entries, 7);
}

#[test]
fn altering_a_recorded_change_is_detected() {
    let dir = TempDir::new("tamper-change");
    let original = populated(&dir);
    let report = tampered(
        &dir,
        &original,
        "d",
        "UPDATE changes SET after = '\"5000000.02\"' WHERE id = 1",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(3));
    assert!(
        problem.contains(
            "change 1 to scenario 1 (schemes[0].forecast) no longer matches audit entry 3"
        ),
        "{problem}"
    );

    // Deleting a change is detected too, naming the entry that recorded it.
    let report = tampered(&dir, &original, "d2", "DELETE FROM changes WHERE id = 3");
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(7));
    assert!(problem.contains("change 3"), "{problem}");
}

#[test]
fn altering_a_draft_document_is_detected() {
    let dir = TempDir::new("tamper-draft");
    let original = populated(&dir);
    let report = tampered(
        &dir,
        &original,
        "e",
        "UPDATE scenarios SET document = replace(document, '\"6900000.00\"', '\"6000000.00\"') WHERE id = 2",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, None);
    assert!(
        problem.contains(
            "scenario 2's document is not its starting document with its recorded changes"
        ),
        "{problem}"
    );

    // So is altering where it started from.
    let report = tampered(
        &dir,
        &original,
        "e2",
        "UPDATE scenarios SET base_document = replace(base_document, 'Reablement beds', 'Reablement') WHERE id = 2",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(6));
    assert!(
        problem.contains("scenario 2's starting document is not the one audit entry 6 recorded"),
        "{problem}"
    );
}

#[test]
fn altering_an_agreed_version_is_detected() {
    let dir = TempDir::new("tamper-agreed");
    let original = populated(&dir);
    let report = tampered(
        &dir,
        &original,
        "f",
        "UPDATE agreements SET document = replace(document, '\"5000000.01\"', '\"4000000.00\"') WHERE scenario_id = 1",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(5));
    assert!(
        problem.contains("the agreed version of scenario 1 was altered after it was agreed"),
        "{problem}"
    );

    // Rehashing the altered document does not help: the audit entry holds the agreed hash.
    let report = tampered(
        &dir,
        &original,
        "f2",
        "UPDATE agreements SET outcome = '{}', outcome_sha256 = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' WHERE scenario_id = 1",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(5));
    assert!(
        problem.contains(
            "the agreed version or sign-offs of scenario 1 no longer match audit entry 5"
        ),
        "{problem}"
    );
}

#[test]
fn altering_a_sign_off_is_detected() {
    let dir = TempDir::new("tamper-signoff");
    let original = populated(&dir);
    let report = tampered(
        &dir,
        &original,
        "g",
        "UPDATE signoffs SET name = 'Mallory' WHERE scenario_id = 1 AND position = 2",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(5));
    assert!(
        problem.contains("sign-offs of scenario 1 no longer match audit entry 5"),
        "{problem}"
    );

    // An extra sign-off (which plain SQL can add even with the triggers in place; see
    // `plain_sql_cannot_add_a_sign_off_to_an_agreed_version`) is caught too.
    let report = tampered(
        &dir,
        &original,
        "g3",
        "INSERT INTO signoffs (scenario_id, position, name, role, organisation, signed_on)
         VALUES (1, 3, 'Mallory', 'Director', 'Nowhere', '2025-03-29')",
    );
    let (seq, problem) = broken(&report);
    assert_eq!(seq, Some(5));
    assert!(problem.contains("sign-offs of scenario 1"), "{problem}");

    let report = tampered(
        &dir,
        &original,
        "g2",
        "DELETE FROM signoffs WHERE scenario_id = 1 AND position = 0",
    );
    let (seq, _) = broken(&report);
    assert_eq!(seq, Some(5));
}
