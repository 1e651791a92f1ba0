//! A workspace made by the first released version (fixtures/workspace-v1.pooled, whose changes
//! name schemes by position) keeps opening and verifying, its recorded entries are never
//! rewritten, and its old changes read exactly like new ones: by the scheme's name and id, as
//! the plan stood when each change was made.

use std::path::{Path, PathBuf};

use pooled_testkit::TempDir;
use pooled_testkit::fixtures::fixture;

use pooled_api::{HistoryQuery, ScenarioId, Subject, SubjectKind, Workspace};
use pooled_core::plan::edit::{Edit, EditKind, exact_value};
use pooled_core::plan::path::PlanPath;

/// A copy of the version-1 workspace in a folder of the test's own.
fn copy_of_v1(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(&format!("history-v1-{name}"));
    let path = dir.path("v1.pooled");
    std::fs::write(&path, fixture("workspace-v1.pooled")).unwrap();
    (dir, path)
}

/// Every audit row and change row as stored, to show nothing recorded was rewritten.
fn recorded_rows(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT seq || '|' || at || '|' || actor || '|' || action || '|' || detail || '|' || hash FROM audit ORDER BY seq",
        "SELECT id || '|' || path || '|' || coalesce(before, '') || '|' || coalesce(after, '') FROM changes ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        rows.extend(
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap),
        );
    }
    rows
}

#[test]
fn old_changes_read_by_name_and_id_and_are_never_rewritten() {
    let (_dir, path) = copy_of_v1("read");
    let before = recorded_rows(&path);
    let ws = Workspace::open(&path, "Auditor").unwrap();
    assert!(ws.verify().unwrap().is_intact());

    let query = HistoryQuery {
        scenario_id: Some(ScenarioId(1)),
        subject: Some(Subject::new(SubjectKind::Scheme, "S01")),
        ..HistoryQuery::default()
    };
    let history = pooled_api::history(&ws, &query).unwrap();
    let texts: Vec<&str> = history.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Reablement beds (S01): forecast £4,980,000.00 → £5,000,000.01, because M6 forecast"]
    );
    let change = history.entries[0].change.as_ref().unwrap();
    // Recorded by position, read by identity.
    assert_eq!(
        history.entries[0].entry.detail["path"],
        "schemes[0].forecast"
    );
    assert_eq!(change.path, "schemes[id=S01].forecast");
    assert_eq!(change.position, Some(0));

    // Every scheme of scenario 1 can be chosen by name, and its changes are its own.
    let all = pooled_api::history(
        &ws,
        &HistoryQuery {
            scenario_id: Some(ScenarioId(1)),
            ..HistoryQuery::default()
        },
    )
    .unwrap();
    let schemes: Vec<(&str, &str)> = all
        .subjects
        .iter()
        .filter(|s| s.subject.kind == SubjectKind::Scheme)
        .map(|s| (s.subject.id.as_str(), s.name.as_str()))
        .collect();
    assert!(schemes.contains(&("S04", "Carers' breaks")), "{schemes:?}");
    let carers = pooled_api::history(
        &ws,
        &HistoryQuery {
            scenario_id: Some(ScenarioId(1)),
            subject: Some(Subject::new(SubjectKind::Scheme, "S04")),
            ..HistoryQuery::default()
        },
    )
    .unwrap();
    assert_eq!(carers.entries.len(), 1);
    assert!(
        carers.entries[0]
            .text
            .starts_with("Carers' breaks (S04): forecast")
    );
    drop(ws);
    assert_eq!(
        recorded_rows(&path),
        before,
        "opening and reading rewrote nothing"
    );
}

#[test]
fn new_changes_to_an_old_workspace_are_recorded_by_id_and_verify() {
    let (_dir, path) = copy_of_v1("edit");
    let mut ws = Workspace::open(&path, "Auditor").unwrap();
    let draft = ws.branch(ScenarioId(3), "After the upgrade").unwrap();
    let summary = ws.summary(draft).unwrap();
    let edit = Edit::new(
        EditKind::Set,
        PlanPath::parse("schemes[2].forecast").unwrap(),
        Some(exact_value("6950000.00")),
    );
    ws.edit(draft, summary.revision, &[edit], Some("Q4 forecast"))
        .unwrap();
    let change = ws.changes(draft).unwrap().pop().unwrap();
    assert_eq!(change.path, "schemes[id=S03].forecast");
    assert_eq!(change.position, Some(2));
    let report = ws.verify().unwrap();
    assert!(report.is_intact(), "{:?}", report.broken);
    assert_eq!(report.changes, 6);
}

#[test]
fn a_position_altered_with_plain_sql_is_found_by_verify() {
    let (_dir, path) = copy_of_v1("tamper");
    let mut ws = Workspace::open(&path, "Auditor").unwrap();
    let draft = ws.branch(ScenarioId(3), "Tampered").unwrap();
    let new_line = Edit::new(
        EditKind::Insert,
        PlanPath::parse("schemes[id=S01].funding[0]").unwrap(),
        Some(exact_value(r#"{"stream": "dfg", "amount": "0.00"}"#)),
    );
    ws.edit(
        draft,
        ws.summary(draft).unwrap().revision,
        &[new_line],
        None,
    )
    .unwrap();
    let change = ws.changes(draft).unwrap().pop().unwrap();
    assert_eq!(change.path, "schemes[id=S01].funding[stream=dfg]");
    assert_eq!(change.position, Some(0));
    drop(ws);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER changes_never_change; UPDATE changes SET position = 1 WHERE id = {};",
        change.id
    ))
    .unwrap();
    drop(conn);
    let report = Workspace::open(&path, "Auditor").unwrap().verify().unwrap();
    let broken = report.broken.expect("the altered position is found");
    assert!(
        broken.problem.contains("no longer matches audit entry"),
        "{}",
        broken.problem
    );
}
