//! Tamper detection: `verify` after a SQLite tool has dropped the triggers and altered the file.

use std::path::{Path, PathBuf};

use pooled_store::{AuditReport, Revision, ScenarioId, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::store::{actions, change, query_column, sidecar};
use rusqlite::Connection;

use crate::{fixed, save_m6_forecast, signoffs};

fn drop_all_triggers(conn: &Connection) {
    let names: Vec<String> = query_column(
        conn,
        "SELECT name FROM sqlite_schema WHERE type = 'trigger'",
    );
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
    let (mut ws, first) = fixed(dir);
    save_m6_forecast(&mut ws, first);
    change(
        &mut ws,
        first,
        "schemes[1].forecast",
        "5600000.00",
        Some("Home care activity"),
    );
    ws.agree(first, Revision(2), &signoffs()).unwrap();
    let draft = ws.branch(first, "Winter").unwrap();
    change(
        &mut ws,
        draft,
        "schemes[2].forecast",
        "6900000.00",
        Some("Winter pressures"),
    );
    change(
        &mut ws,
        draft,
        "schemes[3].forecast",
        "5190000.00",
        Some("Carers' uplift"),
    );
    assert_eq!((first, draft), (ScenarioId(1), ScenarioId(2)));
    assert_eq!(
        actions(&ws, None),
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
    let file = ws.path().to_owned();
    drop(ws);
    assert!(
        !sidecar(&file, "-wal").exists(),
        "closing the last connection checkpoints the WAL away"
    );
    file
}

/// Copies the populated workspace, drops its triggers with a raw connection, runs `sql` (if
/// any), and returns what `verify` then says.
fn tampered(dir: &TempDir, original: &Path, name: &str, sql: Option<&str>) -> AuditReport {
    let copy = dir.path(&format!("{name}.pooled"));
    std::fs::copy(original, &copy).unwrap();
    {
        let raw = Connection::open(&copy).unwrap();
        drop_all_triggers(&raw);
        if let Some(sql) = sql {
            let rows = raw.execute(sql, []).unwrap();
            assert_eq!(rows, 1, "{sql}");
        }
    }
    Workspace::open(&copy, "Auditor").unwrap().verify().unwrap()
}

#[test]
fn an_untampered_copy_verifies_intact_with_exact_counts() {
    let dir = TempDir::new("untampered");
    let original = populated(&dir);
    // Dropping the triggers alone changes no data.
    let report = tampered(&dir, &original, "copy", None);
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

/// One way of tampering with the file, and what `verify` must say about it.
struct Tampering {
    what: &'static str,
    sql: &'static str,
    /// The audit entry named as broken: `Some(None)` for none (a document, not an entry), `None`
    /// when it does not matter.
    seq: Option<Option<i64>>,
    /// Words the problem must contain.
    problem: &'static [&'static str],
    /// The entries found sound before the broken one, where it matters.
    entries: Option<i64>,
}

const TAMPERINGS: &[Tampering] = &[
    Tampering {
        what: "an audit entry altered",
        sql: "UPDATE audit SET detail = replace(detail, 'M6 forecast', 'M7 forecast') WHERE seq = 3",
        seq: Some(Some(3)),
        problem: &["audit entry 3 (change by Priya Shah", "altered"],
        entries: Some(2),
    },
    Tampering {
        // Rewriting the hash too does not help: the next entry no longer follows it.
        what: "an audit entry's hash rewritten",
        sql: "UPDATE audit SET hash = 'f00d' WHERE seq = 3",
        seq: Some(Some(3)),
        problem: &["audit entry 3"],
        entries: None,
    },
    Tampering {
        what: "a middle audit entry deleted",
        sql: "DELETE FROM audit WHERE seq = 4",
        seq: Some(Some(5)),
        problem: &["audit entry 4 is missing", "from entry 3 to entry 5"],
        entries: None,
    },
    Tampering {
        what: "the newest audit entry deleted",
        sql: "DELETE FROM audit WHERE seq = 8",
        seq: None,
        problem: &["change 4 to scenario 2 (schemes[id=S04].forecast) has no audit entry"],
        entries: Some(7),
    },
    Tampering {
        what: "a recorded change altered",
        sql: "UPDATE changes SET after = '\"5000000.02\"' WHERE id = 1",
        seq: Some(Some(3)),
        problem: &[
            "change 1 to scenario 1 (schemes[id=S01].forecast) no longer matches audit entry 3",
        ],
        entries: None,
    },
    Tampering {
        // Deleting a change is detected too, naming the entry that recorded it.
        what: "a recorded change deleted",
        sql: "DELETE FROM changes WHERE id = 3",
        seq: Some(Some(7)),
        problem: &["change 3"],
        entries: None,
    },
    Tampering {
        what: "a draft's document altered",
        sql: "UPDATE scenarios SET document = replace(document, '\"6900000.00\"', '\"6000000.00\"') WHERE id = 2",
        seq: Some(None),
        problem: &["scenario 2's document is not its starting document with its recorded changes"],
        entries: None,
    },
    Tampering {
        what: "where a draft started from altered",
        sql: "UPDATE scenarios SET base_document = replace(base_document, 'Reablement beds', 'Reablement') WHERE id = 2",
        seq: Some(Some(6)),
        problem: &["scenario 2's starting document is not the one audit entry 6 recorded"],
        entries: None,
    },
    Tampering {
        what: "an agreed version altered",
        sql: "UPDATE agreements SET document = replace(document, '\"5000000.01\"', '\"4000000.00\"') WHERE scenario_id = 1",
        seq: Some(Some(5)),
        problem: &["the agreed version of scenario 1 was altered after it was agreed"],
        entries: None,
    },
    Tampering {
        // Rehashing the altered outcome does not help: the audit entry holds the agreed hash.
        what: "an agreed outcome altered and rehashed",
        sql: "UPDATE agreements SET outcome = '{}', outcome_sha256 = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' WHERE scenario_id = 1",
        seq: Some(Some(5)),
        problem: &["the agreed version or sign-offs of scenario 1 no longer match audit entry 5"],
        entries: None,
    },
    Tampering {
        what: "a sign-off altered",
        sql: "UPDATE signoffs SET name = 'Mallory' WHERE scenario_id = 1 AND position = 2",
        seq: Some(Some(5)),
        problem: &["sign-offs of scenario 1 no longer match audit entry 5"],
        entries: None,
    },
    Tampering {
        // Plain SQL can add one even with the triggers in place; see
        // `plain_sql_cannot_add_a_sign_off_to_an_agreed_version`.
        what: "a sign-off added",
        sql: "INSERT INTO signoffs (scenario_id, position, name, role, organisation, signed_on)
              VALUES (1, 3, 'Mallory', 'Director', 'Nowhere', '2025-03-29')",
        seq: Some(Some(5)),
        problem: &["sign-offs of scenario 1"],
        entries: None,
    },
    Tampering {
        what: "a sign-off deleted",
        sql: "DELETE FROM signoffs WHERE scenario_id = 1 AND position = 0",
        seq: Some(Some(5)),
        problem: &[],
        entries: None,
    },
];

#[test]
fn every_kind_of_tampering_is_detected_and_named() {
    let dir = TempDir::new("tamper");
    let original = populated(&dir);
    for (n, t) in TAMPERINGS.iter().enumerate() {
        let report = tampered(&dir, &original, &format!("copy-{n}"), Some(t.sql));
        let broken = report
            .broken
            .as_ref()
            .unwrap_or_else(|| panic!("{} was not detected: {report:?}", t.what));
        if let Some(seq) = t.seq {
            assert_eq!(broken.seq.map(|s| s.0), seq, "{}: {broken:?}", t.what);
        }
        for words in t.problem {
            assert!(
                broken.problem.contains(words),
                "{}: '{}' does not say '{words}'",
                t.what,
                broken.problem
            );
        }
        if let Some(entries) = t.entries {
            assert_eq!(report.entries, entries, "{}: entries sound before", t.what);
        }
    }
}
