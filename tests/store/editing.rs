//! Importing, editing and the recorded change; invalid edits and plans, bad paths and unknown
//! ids are refused and change nothing.

use pooled_core::plan::edit::{Edit, EditKind, JsonPath};
use pooled_store::{Status, StoreError, Workspace};
use serde_json::json;

use crate::support::{TempDir, code, example, fixture, outcome, pence, set, signoffs, snapshot};

const FIXED: &str = "Fixed 50:50 risk share (Telford & Wrekin 2019-20 shape)";

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
