//! The workspace store as the command line and the desktop app use it: importing, editing,
//! agreeing, two writers, tamper detection, backups and files that are not workspaces.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use pooled::Assessment;
use pooled::money::Money;
use pooled::outcome::Outcome;
use pooled::plan::edit::{Edit, EditKind, JsonPath, exact_value};
use pooled::store::hashing::{canonical_json, sha256_hex};
use pooled::store::{SCHEMA_VERSION, SignOff, Status, StoreError, Workspace};
use rusqlite::Connection;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Helpers

/// A directory of its own under the system temp dir, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("pooled-store-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative),
    )
    .unwrap()
}

fn example(name: &str) -> Vec<u8> {
    fixture(&format!("examples/{name}.plan.json"))
}

/// `set <path> <value as typed>`.
fn set(path: &str, typed: &str) -> Edit {
    Edit {
        kind: EditKind::Set,
        path: JsonPath::parse(path).unwrap(),
        value: Some(exact_value(typed)),
    }
}

fn refused<T>(result: Result<T, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("the store should have refused"),
        Err(e) => e,
    }
}

fn code<T>(result: Result<T, StoreError>) -> &'static str {
    refused(result).code()
}

/// Pounds and pence as written in plans, in whole pence.
fn pence(text: &str) -> i64 {
    Money::parse(text).unwrap().pence()
}

fn outcome(assessment: Assessment) -> Outcome {
    match assessment {
        Assessment::Evaluated(outcome) => *outcome,
        Assessment::Rejected(r) => panic!("the plan was rejected: {:?}", r.findings),
    }
}

fn signoffs() -> Vec<SignOff> {
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

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Everything a refused action must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    plans: Vec<pooled::store::PlanSummary>,
    scenarios: Vec<pooled::store::ScenarioSummary>,
    documents: Vec<String>,
    changes: Vec<pooled::store::ChangeRecord>,
    audit_entries: usize,
}

fn snapshot(ws: &Workspace) -> Snapshot {
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

fn sqlite_error(conn: &Connection, sql: &str) -> String {
    match conn.execute(sql, []) {
        Ok(n) => panic!("plain SQL was allowed ({n} rows): {sql}"),
        Err(e) => e.to_string(),
    }
}

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

const FIXED: &str = "Fixed 50:50 risk share (Telford & Wrekin 2019-20 shape)";

// ---------------------------------------------------------------------------------------------
// Importing, editing and the recorded change

#[test]
fn import_edit_and_the_assessment_moves_by_the_exact_pence() {
    let dir = TempDir::new("edit");
    let file = dir.path("ws.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    assert_eq!(ws.actor(), "Priya Shah");
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed-50-50.plan.json")
        .unwrap();

    let plans = ws.plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].name, FIXED);
    assert_eq!(plans[0].financial_year, "2019-20");
    assert_eq!(plans[0].created_by, "Priya Shah");
    let scenarios = ws.scenarios(None).unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0].id, id);
    assert_eq!(scenarios[0].plan_id, plans[0].id);
    assert_eq!(scenarios[0].name, "Baseline");
    assert_eq!(scenarios[0].status, Status::Draft);
    assert_eq!(scenarios[0].revision, 0);
    assert_eq!(scenarios[0].branched_from, None);
    assert_eq!(ws.scenarios(Some(plans[0].id)).unwrap(), scenarios);
    assert!(ws.changes(id).unwrap().is_empty());

    let before = outcome(ws.assessment(id).unwrap());
    assert_eq!(before.totals.variance.pence(), pence("600000.00"));
    assert_eq!(before.partners[0].id, "council");
    assert_eq!(before.partners[0].final_cost.pence(), pence("9947444.00"));
    assert_eq!(before.partners[1].final_cost.pence(), pence("14420468.00"));

    let revision = ws
        .edit(
            id,
            0,
            &[set("schemes[0].forecast", "5000000.01")],
            Some("  M6 forecast  "),
        )
        .unwrap();
    assert_eq!(revision, 1);

    let changes = ws.changes(id).unwrap();
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.scenario_id, id);
    assert_eq!(change.revision, 1);
    assert_eq!(change.author, "Priya Shah");
    assert_eq!(change.op, EditKind::Set);
    assert_eq!(change.path, "schemes[0].forecast");
    assert_eq!(change.before, Some(json!("4980000.00")));
    assert_eq!(change.after, Some(json!("5000000.01")));
    assert_eq!(change.reason.as_deref(), Some("M6 forecast"));

    let scenario = ws.scenario(id).unwrap();
    assert_eq!(scenario.revision, 1);
    assert_eq!(
        scenario.document.schemes[0]
            .forecast
            .as_ref()
            .unwrap()
            .as_str(),
        "5000000.01"
    );

    // The pool variance rises by £20,000.01 to £620,000.01; 50:50 splits it £310,000.01 /
    // £310,000.00 (the odd penny by largest remainder, then partner order).
    let after = outcome(ws.assessment(id).unwrap());
    assert_eq!(
        after.totals.forecast.pence() - before.totals.forecast.pence(),
        pence("20000.01")
    );
    assert_eq!(after.totals.variance.pence(), pence("620000.01"));
    let council_share = after.partners[0].overspend_share.pence();
    let ccg_share = after.partners[1].overspend_share.pence();
    assert_eq!(council_share + ccg_share, pence("620000.01"));
    assert_eq!(
        (council_share, ccg_share),
        (pence("310000.01"), pence("310000.00"))
    );
    assert_eq!((council_share, ccg_share), (31_000_001, 31_000_000));
    assert_eq!(after.partners[0].final_cost.pence(), pence("9957444.01"));
    assert_eq!(
        after.partners[0].final_cost.pence() - before.partners[0].final_cost.pence(),
        pence("10000.01")
    );
    assert_eq!(after.partners[1].final_cost.pence(), pence("14430468.00"));

    let history = ws.history(Some(id)).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["import", "change"]
    );
    let last = history.last().unwrap();
    assert_eq!(last.actor, "Priya Shah");
    assert_eq!(last.detail["path"], "schemes[0].forecast");
    assert_eq!(last.detail["before"], "\"4980000.00\"");
    assert_eq!(last.detail["after"], "\"5000000.01\"");
    assert_eq!(last.detail["reason"], "M6 forecast");
    assert_eq!(ws.history(None).unwrap()[0].action, "create-workspace");

    // Reopened under another name, the change keeps its author; new work is recorded as the new name.
    drop(ws);
    let mut ws = Workspace::open(&file, "Tom Reyes").unwrap();
    assert_eq!(ws.changes(id).unwrap(), changes);
    assert_eq!(
        ws.edit(id, 1, &[set("schemes[1].forecast", "5600000.00")], None)
            .unwrap(),
        2
    );
    let changes = ws.changes(id).unwrap();
    assert_eq!(changes[1].author, "Tom Reyes");
    assert_eq!(changes[1].reason, None);
    assert_eq!(changes[1].before, Some(json!("5602734.00")));
    let report = ws.verify().unwrap();
    assert_eq!(
        (
            report.entries,
            report.changes,
            report.agreements,
            report.scenarios
        ),
        (4, 2, 0, 1)
    );
    assert!(report.is_intact(), "{report:?}");
}

#[test]
fn several_edits_in_one_action_share_one_reason_and_count_one_revision_each() {
    let dir = TempDir::new("multi");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let edits = [
        set("schemes[0].forecast", "5000000.00"),
        set("schemes[2].forecast", "6900000.00"),
        set("name", "\"Winter\""),
    ];
    assert_eq!(ws.edit(id, 0, &edits, Some("Winter review")).unwrap(), 3);
    let changes = ws.changes(id).unwrap();
    assert_eq!(
        changes.iter().map(|c| c.revision).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(
        changes
            .iter()
            .all(|c| c.reason.as_deref() == Some("Winter review"))
    );
    assert_eq!(changes[2].before, Some(json!(FIXED)));
    assert_eq!(changes[2].after, Some(json!("Winter")));
    let scenario = ws.scenario(id).unwrap();
    assert_eq!(
        (scenario.revision, scenario.document.name.as_str()),
        (3, "Winter")
    );
    assert_eq!(
        outcome(ws.assessment(id).unwrap()).totals.forecast.pence(),
        pence("24367912.00") + pence("20000.00") + pence("29532.00")
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals change nothing

#[test]
fn an_edit_that_breaks_the_plan_is_refused_and_changes_nothing() {
    let dir = TempDir::new("invalid-edit");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    ws.edit(
        id,
        0,
        &[set("schemes[0].forecast", "5000000.01")],
        Some("M6"),
    )
    .unwrap();
    let before = snapshot(&ws);

    let err = ws
        .edit(
            id,
            1,
            &[set("schemes[0].funding[0].stream", "\"no-such-stream\"")],
            Some("typo"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "S-INVALID-PLAN");
    let StoreError::InvalidPlan(findings) = &err else {
        unreachable!()
    };
    assert!(
        findings.iter().any(|f| f.code.as_str() == "E-UNKNOWN-REF" && f.path == "schemes[0].funding[0].stream"),
        "{findings:?}"
    );
    assert!(err.to_string().contains("nothing was saved"), "{err}");
    assert_eq!(snapshot(&ws), before);

    let err = ws
        .edit(id, 1, &[set("schemes[0].forecast", "\"-1\"")], None)
        .unwrap_err();
    assert_eq!(err.code(), "S-INVALID-PLAN", "{err}");
    let StoreError::InvalidPlan(findings) = &err else {
        unreachable!()
    };
    assert!(
        findings.iter().any(|f| f.path == "schemes[0].forecast"),
        "{findings:?}"
    );
    assert_eq!(snapshot(&ws), before);

    // A good edit followed by a bad one in the same action: neither is saved.
    let err = ws
        .edit(
            id,
            1,
            &[
                set("schemes[1].forecast", "5600000.00"),
                set("schemes[0].forecast", "\"-1.00\""),
            ],
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), "S-INVALID-PLAN");
    assert_eq!(snapshot(&ws), before);
    let err = ws
        .edit(
            id,
            1,
            &[
                set("schemes[1].forecast", "5600000.00"),
                set("schemes[9].forecast", "1.00"),
            ],
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), "S-BAD-EDIT");
    assert_eq!(snapshot(&ws), before);

    assert!(ws.verify().unwrap().is_intact());
}

#[test]
fn bad_paths_and_unknown_scenarios_get_their_codes_and_change_nothing() {
    let dir = TempDir::new("bad-edit");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let before = snapshot(&ws);

    assert_eq!(
        code(ws.edit(id, 0, &[set("schemes[9].forecast", "1.00")], None)),
        "S-BAD-EDIT"
    );
    assert_eq!(
        code(ws.edit(id, 0, &[set("schemes[0].nosuch.forecast", "1.00")], None)),
        "S-BAD-EDIT"
    );
    let remove_missing = Edit {
        kind: EditKind::Remove,
        path: JsonPath::parse("schemes[0].group").unwrap(),
        value: None,
    };
    assert_eq!(code(ws.edit(id, 0, &[remove_missing], None)), "S-BAD-EDIT");
    let no_value = Edit {
        kind: EditKind::Set,
        path: JsonPath::parse("schemes[0].forecast").unwrap(),
        value: None,
    };
    assert_eq!(code(ws.edit(id, 0, &[no_value], None)), "S-BAD-EDIT");
    // A path that does not parse is the same kind of error once it reaches the store.
    let parse_error = JsonPath::parse("schemes[x].forecast").unwrap_err();
    assert_eq!(StoreError::from(parse_error).code(), "S-BAD-EDIT");
    assert_eq!(snapshot(&ws), before);

    let unknown = id + 99;
    assert_eq!(
        code(ws.edit(unknown, 0, &[set("schemes[0].forecast", "1.00")], None)),
        "S-UNKNOWN-SCENARIO"
    );
    assert_eq!(code(ws.scenario(unknown)), "S-UNKNOWN-SCENARIO");
    assert_eq!(code(ws.assessment(unknown)), "S-UNKNOWN-SCENARIO");
    assert_eq!(code(ws.changes(unknown)), "S-UNKNOWN-SCENARIO");
    assert_eq!(code(ws.branch(unknown, "copy")), "S-UNKNOWN-SCENARIO");
    assert_eq!(
        code(ws.describe(unknown, Some("x"), None)),
        "S-UNKNOWN-SCENARIO"
    );
    assert_eq!(
        code(ws.agree(unknown, 0, &signoffs())),
        "S-UNKNOWN-SCENARIO"
    );
    assert_eq!(code(ws.agreed_version(unknown)), "S-UNKNOWN-SCENARIO");
    assert_eq!(
        code(ws.record_export(unknown, "outcome", "out.json")),
        "S-UNKNOWN-SCENARIO"
    );
    assert_eq!(
        code(ws.import_scenario(42, &example("fixed-50-50"), "x", "fixed")),
        "S-UNKNOWN-PLAN"
    );
    assert!(
        ws.scenario(unknown)
            .unwrap_err()
            .to_string()
            .contains(&format!("There is no scenario {unknown}"))
    );
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn an_invalid_plan_file_is_refused_with_all_its_findings_and_adds_nothing() {
    let dir = TempDir::new("invalid-import");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let before = snapshot(&ws);
    let bad = example("invalid-several-errors");

    let err = ws
        .import_plan(&bad, "Broken", "invalid-several-errors.plan.json")
        .unwrap_err();
    assert_eq!(err.code(), "S-INVALID-PLAN");
    let StoreError::InvalidPlan(findings) = &err else {
        unreachable!()
    };
    let mut found: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.path.clone()))
        .collect();
    found.sort();
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture("examples/invalid-several-errors.outcome.json")).unwrap();
    let mut wanted: Vec<(String, String)> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    wanted.sort();
    assert_eq!(found.len(), 6);
    assert_eq!(found, wanted);
    assert!(
        err.to_string()
            .starts_with("The plan has 6 error(s), so nothing was saved"),
        "{err}"
    );
    assert_eq!(snapshot(&ws), before);

    let plan_id = ws.scenario(id).unwrap().plan_id;
    assert_eq!(
        code(ws.import_scenario(plan_id, &bad, "Broken", "bad")),
        "S-INVALID-PLAN"
    );
    assert_eq!(
        code(ws.import_plan(b"not json at all", "Broken", "bad")),
        "S-INVALID-PLAN"
    );
    // Another year's plan is not a scenario of this one.
    assert_eq!(
        code(ws.import_scenario(
            plan_id,
            &example("tiered-bands-caps"),
            "Other year",
            "tiered"
        )),
        "S-BAD-IMPORT"
    );
    assert_eq!(snapshot(&ws), before);
}

// ---------------------------------------------------------------------------------------------
// Two writers

#[test]
fn an_edit_on_a_stale_revision_is_refused_naming_who_changed_it() {
    let dir = TempDir::new("two-writers");
    let file = dir.path("ws.pooled");
    let mut first = Workspace::create(&file, "Alice Moreno").unwrap();
    let id = first
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let mut second = Workspace::open(&file, "Bob Lindqvist").unwrap();

    let seen_by_first = first.scenario(id).unwrap().revision;
    let seen_by_second = second.scenario(id).unwrap().revision;
    assert_eq!((seen_by_first, seen_by_second), (0, 0));

    assert_eq!(
        first
            .edit(
                id,
                seen_by_first,
                &[set("schemes[0].forecast", "5000000.01")],
                Some("M6")
            )
            .unwrap(),
        1
    );
    let err = second
        .edit(
            id,
            seen_by_second,
            &[set("schemes[0].forecast", "4990000.00")],
            Some("stale"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "S-CONFLICT");
    let message = err.to_string();
    assert!(message.contains("Alice Moreno"), "{message}");
    assert!(
        message.contains("revision 0") && message.contains("revision 1"),
        "{message}"
    );
    assert!(message.contains("Nothing was saved"), "{message}");

    // The first writer's edit is intact, seen from both handles.
    for ws in [&first, &second] {
        let changes = ws.changes(id).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].author.as_str(), changes[0].after.clone()),
            ("Alice Moreno", Some(json!("5000000.01")))
        );
        assert_eq!(
            ws.scenario(id).unwrap().document.schemes[0]
                .forecast
                .as_ref()
                .unwrap()
                .as_str(),
            "5000000.01"
        );
    }
    // Agreeing on the stale copy is refused too.
    assert_eq!(
        code(second.agree(id, seen_by_second, &signoffs())),
        "S-CONFLICT"
    );

    let reloaded = second.scenario(id).unwrap().revision;
    assert_eq!(
        second
            .edit(
                id,
                reloaded,
                &[set("schemes[0].forecast", "4990000.00")],
                Some("after reload")
            )
            .unwrap(),
        2
    );
    let changes = first.changes(id).unwrap();
    assert_eq!(
        changes
            .iter()
            .map(|c| c.author.as_str())
            .collect::<Vec<_>>(),
        ["Alice Moreno", "Bob Lindqvist"]
    );
    assert_eq!(changes[1].before, Some(json!("5000000.01")));
    assert_eq!(first.scenario(id).unwrap().revision, 2);
    let err = first
        .edit(id, 1, &[set("schemes[1].forecast", "1.00")], None)
        .unwrap_err();
    assert!(err.to_string().contains("Bob Lindqvist"), "{err}");
    assert!(first.verify().unwrap().is_intact());
}

// ---------------------------------------------------------------------------------------------
// Agreed versions

#[test]
fn an_agreed_version_is_frozen_by_code_and_by_triggers() {
    let dir = TempDir::new("agree");
    let file = dir.path("ws.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    // S05 has no forecast (it is on budget); writing its budget as the forecast records a change
    // while leaving the outcome as the worked example's.
    ws.edit(
        id,
        0,
        &[set("schemes[4].forecast", "1734710.00")],
        Some("DFG on budget"),
    )
    .unwrap();
    assert_eq!(ws.changes(id).unwrap()[0].before, None);
    ws.describe(
        id,
        Some("Agreed budget"),
        Some("As signed at the March board"),
    )
    .unwrap();

    let agreed = ws.agree(id, 1, &signoffs()).unwrap();
    assert_eq!(agreed.scenario_id, id);
    assert_eq!(agreed.agreed_by, "Priya Shah");
    assert_eq!(agreed.signoffs, signoffs());
    assert_eq!(agreed.document_sha256, sha256_hex(&agreed.document));
    assert_eq!(agreed.outcome_sha256, sha256_hex(&agreed.outcome));
    assert_eq!(
        agreed.document,
        canonical_json(&ws.scenario(id).unwrap().document)
    );
    assert_eq!(
        agreed.outcome,
        canonical_json(&outcome(ws.assessment(id).unwrap()))
    );
    assert_eq!(ws.agreed_version(id).unwrap(), Some(agreed.clone()));
    let frozen: Value = serde_json::from_str(&agreed.outcome).unwrap();
    assert_eq!(frozen["partners"][0]["final_cost"], "9947444.00");
    assert_eq!(frozen["settlement"][0]["amount"], "300000.00");

    let raw = Connection::open(&file).unwrap();
    let (stored_doc, stored_outcome, doc_sha, outcome_sha): (String, String, String, String) = raw
        .query_row("SELECT document, outcome, document_sha256, outcome_sha256 FROM agreements WHERE scenario_id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(doc_sha, sha256_hex(&stored_doc));
    assert_eq!(outcome_sha, sha256_hex(&stored_outcome));
    assert_eq!(
        (doc_sha.as_str(), outcome_sha.as_str()),
        (
            agreed.document_sha256.as_str(),
            agreed.outcome_sha256.as_str()
        )
    );
    let scenario_doc: String = raw
        .query_row("SELECT document FROM scenarios WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sha256_hex(&scenario_doc), agreed.document_sha256);
    let summary = &ws.scenarios(None).unwrap()[0];
    assert_eq!(
        (summary.status, summary.name.as_str()),
        (Status::Agreed, "Agreed budget")
    );

    // Money in agreed_positions is INTEGER pence, equal to the outcome's.
    let positions: Vec<(String, [String; 4], [i64; 4])> = raw
        .prepare(
            "SELECT partner_id, typeof(contribution_pence), typeof(overspend_share_pence), typeof(underspend_share_pence),
             typeof(final_cost_pence), contribution_pence, overspend_share_pence, underspend_share_pence, final_cost_pence
             FROM agreed_positions WHERE scenario_id = ?1 ORDER BY position",
        )
        .unwrap()
        .query_map([id], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?], [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?]))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(positions.len(), 2);
    for (_, types, _) in &positions {
        assert_eq!(types, &["integer", "integer", "integer", "integer"]);
    }
    assert_eq!(positions[0].0, "council");
    assert_eq!(
        positions[0].2,
        [
            pence("9647444.00"),
            pence("300000.00"),
            0,
            pence("9947444.00")
        ]
    );
    assert_eq!(positions[1].0, "ccg");
    assert_eq!(
        positions[1].2,
        [
            pence("14120468.00"),
            pence("300000.00"),
            0,
            pence("14420468.00")
        ]
    );
    let expected = outcome(ws.assessment(id).unwrap());
    for (p, (partner, _, pence)) in expected.partners.iter().zip(&positions) {
        assert_eq!(&p.id, partner);
        assert_eq!(
            *pence,
            [
                p.contribution.pence(),
                p.overspend_share.pence(),
                p.underspend_share.pence(),
                p.final_cost.pence()
            ]
        );
    }

    // The app refuses.
    assert_eq!(
        code(ws.edit(id, 0, &[set("schemes[0].forecast", "1.00")], None)),
        "S-FROZEN"
    );
    assert_eq!(code(ws.describe(id, Some("renamed"), None)), "S-FROZEN");
    assert_eq!(code(ws.agree(id, 0, &signoffs())), "S-FROZEN");
    assert!(
        ws.edit(id, 0, &[set("schemes[0].forecast", "1.00")], None)
            .unwrap_err()
            .to_string()
            .contains("is agreed")
    );

    // So does plain SQL.
    let refusals = [
        (format!("UPDATE agreements SET document = '{{}}' WHERE scenario_id = {id}"), "an agreed version can never be changed"),
        (format!("UPDATE agreements SET agreed_by = 'Mallory' WHERE scenario_id = {id}"), "an agreed version can never be changed"),
        ("DELETE FROM agreements".to_owned(), "an agreed version can never be deleted"),
        (format!("UPDATE scenarios SET document = replace(document, '4980000.00', '4000000.00') WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("UPDATE scenarios SET status = 'draft' WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("UPDATE scenarios SET name = 'renamed' WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("DELETE FROM scenarios WHERE id = {id}"), "an agreed or superseded scenario can never be deleted"),
        ("DELETE FROM signoffs".to_owned(), "a sign-off can never be deleted"),
        ("UPDATE signoffs SET name = 'Mallory'".to_owned(), "a sign-off can never be changed"),
        ("UPDATE agreed_positions SET final_cost_pence = 0".to_owned(), "an agreed position can never be changed"),
        ("DELETE FROM agreed_positions".to_owned(), "an agreed position can never be deleted"),
        (format!("UPDATE changes SET after = '\"1.00\"' WHERE scenario_id = {id}"), "a recorded change can never be altered"),
        (format!("DELETE FROM changes WHERE scenario_id = {id}"), "a recorded change can never be deleted"),
        ("DELETE FROM changes".to_owned(), "a recorded change can never be deleted"),
        (
            format!(
                "INSERT INTO changes (scenario_id, revision, at, author, op, path, before, after, reason)
                 VALUES ({id}, 2, '2025-04-01T00:00:00.000Z', 'Mallory', 'set', 'schemes[0].forecast', '\"4980000.00\"', '\"1.00\"', NULL)"
            ),
            "only a draft can be changed",
        ),
        ("UPDATE audit SET detail = '{}' WHERE seq = 1".to_owned(), "the audit trail can never be altered"),
        ("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)".to_owned(), "the audit trail can never be deleted from"),
    ];
    for (sql, message) in &refusals {
        let error = sqlite_error(&raw, sql);
        assert!(
            error.contains(message),
            "{sql}\n  gave: {error}\n  wanted: {message}"
        );
    }
    // A draft's changes are just as append-only.
    let draft = ws.branch(id, "Next year's draft").unwrap();
    ws.edit(
        draft,
        0,
        &[set("schemes[0].forecast", "5000000.01")],
        Some("M6"),
    )
    .unwrap();
    assert!(
        sqlite_error(&raw, "UPDATE changes SET after = '\"1.00\"'")
            .contains("a recorded change can never be altered")
    );
    assert!(
        sqlite_error(&raw, "DELETE FROM changes")
            .contains("a recorded change can never be deleted")
    );
    drop(raw);

    let report = ws.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(
        (
            report.entries,
            report.changes,
            report.agreements,
            report.scenarios
        ),
        (7, 2, 1, 2)
    );
    assert_eq!(ws.agreed_version(id).unwrap(), Some(agreed));
}

#[test]
fn further_work_branches_from_the_agreed_version_and_a_newer_agreement_supersedes_it() {
    let dir = TempDir::new("supersede");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let first = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    ws.edit(
        first,
        0,
        &[set("schemes[0].forecast", "5000000.01")],
        Some("M6"),
    )
    .unwrap();
    let agreed = ws.agree(first, 1, &signoffs()).unwrap();

    let draft = ws.branch(first, "Q3 revision").unwrap();
    let branched = ws.scenario(draft).unwrap();
    assert_eq!(branched.status, Status::Draft);
    assert_eq!(branched.branched_from, Some(first));
    assert_eq!(branched.revision, 0);
    assert_eq!(branched.plan_id, ws.scenario(first).unwrap().plan_id);
    assert_eq!(branched.document, ws.scenario(first).unwrap().document);
    assert_eq!(canonical_json(&branched.document), agreed.document);
    assert!(ws.changes(draft).unwrap().is_empty());

    ws.edit(
        draft,
        0,
        &[set("schemes[1].forecast", "5500000.00")],
        Some("Q3 forecast"),
    )
    .unwrap();
    let newer = ws.agree(draft, 1, &signoffs()[..1]).unwrap();
    assert_ne!(newer.document_sha256, agreed.document_sha256);
    let statuses: Vec<(i64, Status)> = ws
        .scenarios(None)
        .unwrap()
        .iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(
        statuses,
        [(first, Status::Superseded), (draft, Status::Agreed)]
    );
    // The superseded version is still there, unchanged, and still frozen.
    assert_eq!(ws.agreed_version(first).unwrap(), Some(agreed));
    assert_eq!(
        code(ws.edit(first, 1, &[set("schemes[0].forecast", "1.00")], None)),
        "S-FROZEN"
    );
    assert_eq!(code(ws.agree(first, 1, &signoffs())), "S-FROZEN");
    let supersede: Vec<_> = ws
        .history(Some(first))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "supersede")
        .collect();
    assert_eq!(supersede.len(), 1);
    assert_eq!(supersede[0].detail, json!({"by": draft}));
    let agree_entry = ws
        .history(Some(draft))
        .unwrap()
        .into_iter()
        .find(|e| e.action == "agree")
        .unwrap();
    assert_eq!(agree_entry.detail["supersedes"], json!([first]));

    // Plain SQL cannot bring a superseded version back.
    let raw = Connection::open(ws.path()).unwrap();
    let error = sqlite_error(
        &raw,
        &format!("UPDATE scenarios SET status = 'agreed' WHERE id = {first}"),
    );
    assert!(
        error.contains("an agreed or superseded scenario can never be changed"),
        "{error}"
    );
    let report = ws.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(
        (
            report.entries,
            report.changes,
            report.agreements,
            report.scenarios
        ),
        (8, 2, 2, 2)
    );
}

#[test]
fn sign_offs_must_be_complete() {
    let dir = TempDir::new("signoffs");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let before = snapshot(&ws);
    assert_eq!(code(ws.agree(id, 0, &[])), "S-BAD-SIGNOFF");
    let mut undated = signoffs();
    undated[2].date = "28/03/2025".into();
    let err = ws.agree(id, 0, &undated).unwrap_err();
    assert_eq!(err.code(), "S-BAD-SIGNOFF");
    assert!(
        err.to_string().contains("Sign-off 3 (Ruth Okafor)"),
        "{err}"
    );
    let mut nameless = signoffs();
    nameless[1].role = "  ".into();
    assert_eq!(
        ws.agree(id, 0, &nameless).unwrap_err().to_string(),
        "Sign-off 2 has no role."
    );
    assert_eq!(snapshot(&ws), before);
    assert_eq!(ws.agreed_version(id).unwrap(), None);
}

/// Found while writing these tests: the `signoffs_only_at_agreement` trigger lets anyone add a
/// sign-off to an agreed version with plain SQL, because it checks only that the scenario is
/// agreed, not that the agreement is being made. `verify` does notice the extra sign-off.
#[test]
fn plain_sql_cannot_add_a_sign_off_to_an_agreed_version() {
    let dir = TempDir::new("extra-signoff");
    let file = dir.path("ws.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    ws.agree(id, 0, &signoffs()).unwrap();
    let raw = Connection::open(&file).unwrap();
    let result = raw.execute(
        "INSERT INTO signoffs (scenario_id, position, name, role, organisation, signed_on)
         VALUES (?1, 3, 'Mallory', 'Director', 'Nowhere', '2025-03-29')",
        [id],
    );
    assert!(
        result.is_err(),
        "a fourth sign-off was added to an agreed version with plain SQL"
    );
}

/// Found while writing these tests: plain SQL can mark an agreed version superseded without any
/// newer agreement (the `frozen_scenarios` trigger lets agreed → superseded through, as
/// `agree` needs), and `verify` does not check statuses, so it reports the workspace intact.
#[test]
fn plain_sql_cannot_quietly_supersede_an_agreed_version() {
    let dir = TempDir::new("quiet-supersede");
    let file = dir.path("ws.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    let id = ws
        .import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    ws.agree(id, 0, &signoffs()).unwrap();
    let raw = Connection::open(&file).unwrap();
    let refused = raw
        .execute(
            "UPDATE scenarios SET status = 'superseded' WHERE id = ?1",
            [id],
        )
        .is_err();
    let report = ws.verify().unwrap();
    assert!(
        refused || !report.is_intact(),
        "agreed version {id} is now superseded by nothing, and verify says {report:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Tamper detection

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
fn tampered(dir: &TempDir, original: &Path, name: &str, sql: &str) -> pooled::store::AuditReport {
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

fn broken(report: &pooled::store::AuditReport) -> (Option<i64>, String) {
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

// ---------------------------------------------------------------------------------------------
// Backup and restore

#[test]
fn a_backup_opens_as_the_same_workspace() {
    let dir = TempDir::new("backup");
    let file = dir.path("ws.pooled");
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
    ws.agree(first, 1, &signoffs()).unwrap();
    let second = ws
        .import_plan(&example("two-hosts-reserve-caps"), "Baseline", "two hosts")
        .unwrap();
    ws.edit(second, 0, &[set("schemes[0].forecast", "7800000.00")], None)
        .unwrap();
    let before = snapshot(&ws);
    let entries_before = ws.history(None).unwrap();

    let copy = dir.path("backups/copy.pooled");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    ws.backup(&copy).unwrap();
    // The backup is recorded in the original's trail, after the copy was taken.
    let trail = ws.history(None).unwrap();
    assert_eq!(trail.len(), entries_before.len() + 1);
    assert_eq!(trail.last().unwrap().action, "backup");
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
    let report = restored.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(
        (report.entries, report.agreements, report.scenarios),
        (entries_before.len() as i64, 1, 2)
    );
    assert_eq!(report.changes, before.changes.len() as i64);

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
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        mode, "delete",
        "the other program's journal mode was not switched to WAL"
    );
}

fn newer_version_file(dir: &TempDir) -> PathBuf {
    let file = dir.path("future.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    ws.import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
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

#[test]
fn a_newer_workspace_with_its_wal_open_elsewhere_is_left_as_it_was() {
    // The newer Pooled still has the file open, so the version bump sits in the -wal file.
    let dir = TempDir::new("newer-wal");
    let file = dir.path("future.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    ws.import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let newer = Connection::open(&file).unwrap();
    newer
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
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
    let file = dir.path("future.pooled");
    let mut ws = Workspace::create(&file, "Priya Shah").unwrap();
    ws.import_plan(&example("fixed-50-50"), "Baseline", "fixed")
        .unwrap();
    let newer = Connection::open(&file).unwrap();
    newer
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
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
    let demo: Value =
        serde_json::from_slice(&fixture("demo/northbrook-2025-26.plan.json")).unwrap();
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
        ("Baseline", Status::Draft, 0)
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
    let actions: Vec<String> = ws
        .history(None)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["create-workspace", "import"]);
    assert_eq!(ws.integrity_check().unwrap(), "ok");

    // journal_mode is a property of the file: a fresh connection sees WAL.
    let raw = Connection::open(&file).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // foreign_keys and synchronous are per connection: the Workspace's own connection is not
    // reachable from outside the crate, so they cannot be read here (see the report).
    drop(raw);
    drop(ws);

    // Opened again, the existing workspace is used as it is: no second demo import.
    let ws = Workspace::open_or_create(&file, "Priya Shah").unwrap();
    assert_eq!(ws.plans().unwrap().len(), 1);
    assert_eq!(ws.history(None).unwrap().len(), 2);
    let report = ws.verify().unwrap();
    assert!(report.is_intact());
    assert_eq!(
        (
            report.entries,
            report.changes,
            report.agreements,
            report.scenarios
        ),
        (2, 0, 0, 1)
    );
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
    let all: Vec<String> = raw
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
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
