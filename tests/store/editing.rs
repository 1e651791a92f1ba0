//! Importing, editing and the recorded change; invalid edits and plans, bad paths and unknown
//! ids are refused and change nothing.

use pooled_core::plan::edit::{EditError, EditKind};
use pooled_core::plan::path::PlanPath;
use pooled_store::{AuditAction, PlanId, Revision, ScenarioId, Status, StoreError, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::fixtures::{INVALID_EXAMPLE, example, expected_outcome};
use pooled_testkit::plans::{edit, evaluated, pence, set, sorted_fields};
use pooled_testkit::store::{actions, code, snapshot, verified_counts};
use serde_json::json;

use crate::{ACTOR, FIXED, fixed, save_m6_forecast, signoffs};

const FIXED_NAME: &str = "Fixed 50:50 risk share (Telford & Wrekin 2019-20 shape)";

#[test]
fn import_edit_and_the_assessment_moves_by_the_exact_pence() {
    let dir = TempDir::new("edit");
    let (mut ws, id) = fixed(&dir);
    assert_eq!(ws.actor(), ACTOR);

    let plans = ws.plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].name, FIXED_NAME);
    assert_eq!(plans[0].financial_year, "2019-20");
    assert_eq!(plans[0].created_by, ACTOR);
    let scenarios = ws.scenarios(None).unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0].id, id);
    assert_eq!(scenarios[0].plan_id, plans[0].id);
    assert_eq!(scenarios[0].name, "Baseline");
    assert_eq!(scenarios[0].status, Status::Draft);
    assert_eq!(scenarios[0].revision, Revision(0));
    assert_eq!(scenarios[0].branched_from, None);
    assert_eq!(ws.scenarios(Some(plans[0].id)).unwrap(), scenarios);
    assert!(ws.changes(id).unwrap().is_empty());

    let before = evaluated(ws.assessment(id).unwrap());
    assert_eq!(before.totals.variance.pence(), pence("600000.00"));
    assert_eq!(before.partners[0].id, "council");
    assert_eq!(before.partners[0].final_cost.pence(), pence("9947444.00"));
    assert_eq!(before.partners[1].final_cost.pence(), pence("14420468.00"));

    // Typed by position, recorded by the scheme's id.
    let revision = ws
        .edit(
            id,
            Revision(0),
            &[set("schemes[0].forecast", "5000000.01")],
            Some("  M6 forecast  "),
        )
        .unwrap();
    assert_eq!(revision, Revision(1));

    let changes = ws.changes(id).unwrap();
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.scenario_id, id);
    assert_eq!(change.revision, Revision(1));
    assert_eq!(change.author, ACTOR);
    assert_eq!(change.op, EditKind::Set);
    assert_eq!(change.path, "schemes[id=S01].forecast");
    assert_eq!(change.position, Some(0));
    assert_eq!(change.before, Some(json!("4980000.00")));
    assert_eq!(change.after, Some(json!("5000000.01")));
    assert_eq!(change.reason.as_deref(), Some("M6 forecast"));

    let scenario = ws.scenario(id).unwrap();
    assert_eq!(scenario.revision, Revision(1));
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
    let after = evaluated(ws.assessment(id).unwrap());
    assert_eq!(
        after.totals.forecast.pence() - before.totals.forecast.pence(),
        pence("20000.01")
    );
    assert_eq!(after.totals.variance.pence(), pence("620000.01"));
    let council_share = after.partners[0].overspend_share.pence();
    let ccg_share = after.partners[1].overspend_share.pence();
    assert_eq!(council_share + ccg_share, pence("620000.01"));
    assert_eq!((council_share, ccg_share), (31_000_001, 31_000_000));
    assert_eq!(after.partners[0].final_cost.pence(), pence("9957444.01"));
    assert_eq!(
        after.partners[0].final_cost.pence() - before.partners[0].final_cost.pence(),
        pence("10000.01")
    );
    assert_eq!(after.partners[1].final_cost.pence(), pence("14430468.00"));

    assert_eq!(actions(&ws, Some(id)), ["import", "change"]);
    let history = ws.history(Some(id)).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.actor, ACTOR);
    assert_eq!(last.action, AuditAction::Change);
    assert_eq!(last.detail["path"], "schemes[id=S01].forecast");
    assert_eq!(last.detail["position"], 0);
    assert_eq!(last.detail["before"], "\"4980000.00\"");
    assert_eq!(last.detail["after"], "\"5000000.01\"");
    assert_eq!(last.detail["reason"], "M6 forecast");
    assert_eq!(
        ws.history(None).unwrap()[0].action,
        AuditAction::CreateWorkspace
    );

    // Reopened under another name, the change keeps its author; new work is recorded as the new
    // name. A path may name the item by its id as well.
    let file = ws.path().to_owned();
    drop(ws);
    let mut ws = Workspace::open(&file, "Tom Reyes").unwrap();
    assert_eq!(ws.changes(id).unwrap(), changes);
    assert_eq!(
        ws.edit(
            id,
            Revision(1),
            &[set("schemes[id=S02].forecast", "5600000.00")],
            None
        )
        .unwrap(),
        Revision(2)
    );
    let changes = ws.changes(id).unwrap();
    assert_eq!(changes[1].author, "Tom Reyes");
    assert_eq!(changes[1].reason, None);
    assert_eq!(changes[1].path, "schemes[id=S02].forecast");
    assert_eq!(changes[1].position, Some(1));
    assert_eq!(changes[1].before, Some(json!("5602734.00")));
    assert_eq!(verified_counts(&ws), (4, 2, 0, 1));
}

#[test]
fn several_edits_in_one_action_share_one_reason_and_count_one_revision_each() {
    let dir = TempDir::new("multi");
    let (mut ws, id) = fixed(&dir);
    let edits = [
        set("schemes[0].forecast", "5000000.00"),
        set("schemes[2].forecast", "6900000.00"),
        set("name", "\"Winter\""),
    ];
    assert_eq!(
        ws.edit(id, Revision(0), &edits, Some("Winter review"))
            .unwrap(),
        Revision(3)
    );
    let changes = ws.changes(id).unwrap();
    assert_eq!(
        changes.iter().map(|c| c.revision.0).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        changes.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(),
        [
            "schemes[id=S01].forecast",
            "schemes[id=S03].forecast",
            "name"
        ]
    );
    assert!(
        changes
            .iter()
            .all(|c| c.reason.as_deref() == Some("Winter review"))
    );
    assert_eq!(changes[2].before, Some(json!(FIXED_NAME)));
    assert_eq!(changes[2].after, Some(json!("Winter")));
    let scenario = ws.scenario(id).unwrap();
    assert_eq!(
        (scenario.revision, scenario.document.name.as_str()),
        (Revision(3), "Winter")
    );
    assert_eq!(
        evaluated(ws.assessment(id).unwrap())
            .totals
            .forecast
            .pence(),
        pence("24367912.00") + pence("20000.00") + pence("29532.00")
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals change nothing

#[test]
fn an_edit_that_breaks_the_plan_is_refused_and_changes_nothing() {
    let dir = TempDir::new("invalid-edit");
    let (mut ws, id) = fixed(&dir);
    save_m6_forecast(&mut ws, id);
    let before = snapshot(&ws);

    // Each refused edit, the code, and a finding's path it must name (if any).
    let refusals = [
        (
            vec![set("schemes[0].funding[0].stream", "\"no-such-stream\"")],
            "S-INVALID-PLAN",
            Some(("E-UNKNOWN-REF", "schemes[0].funding[0].stream")),
        ),
        (
            vec![set("schemes[0].forecast", "\"-1\"")],
            "S-INVALID-PLAN",
            Some(("E-AMOUNT", "schemes[0].forecast")),
        ),
        // A good edit followed by a bad one in the same action: neither is saved.
        (
            vec![
                set("schemes[1].forecast", "5600000.00"),
                set("schemes[0].forecast", "\"-1.00\""),
            ],
            "S-INVALID-PLAN",
            None,
        ),
        (
            vec![
                set("schemes[1].forecast", "5600000.00"),
                set("schemes[9].forecast", "1.00"),
            ],
            "S-BAD-EDIT",
            None,
        ),
    ];
    for (edits, wanted, finding) in refusals {
        let err = ws.edit(id, Revision(1), &edits, Some("typo")).unwrap_err();
        assert_eq!(err.code(), wanted, "{err}");
        if let Some((finding_code, path)) = finding {
            let StoreError::InvalidPlan(findings) = &err else {
                unreachable!()
            };
            assert!(
                findings
                    .iter()
                    .any(|f| f.code.as_str() == finding_code && f.path == path),
                "{findings:?}"
            );
            assert!(err.to_string().contains("nothing was saved"), "{err}");
        }
        assert_eq!(snapshot(&ws), before);
    }
    assert!(ws.verify().unwrap().is_intact());
}

#[test]
fn bad_paths_and_unknown_scenarios_get_their_codes_and_change_nothing() {
    let dir = TempDir::new("bad-edit");
    let (mut ws, id) = fixed(&dir);
    let before = snapshot(&ws);

    let bad_edits = [
        set("schemes[9].forecast", "1.00"),
        set("schemes[id=S99].forecast", "1.00"),
        set("schemes[0].nosuch.forecast", "1.00"),
        edit(EditKind::Remove, "schemes[0].group", None),
        edit(EditKind::Set, "schemes[0].forecast", None),
    ];
    for bad in bad_edits {
        assert_eq!(
            code(ws.edit(id, Revision(0), std::slice::from_ref(&bad), None)),
            "S-BAD-EDIT",
            "{bad:?}"
        );
    }
    // A path that does not parse is the same kind of error once it reaches the store.
    let parse_error = PlanPath::parse("schemes[x].forecast").unwrap_err();
    assert_eq!(
        StoreError::from(EditError::from(parse_error)).code(),
        "S-BAD-EDIT"
    );
    assert_eq!(snapshot(&ws), before);

    let unknown = ScenarioId(id.0 + 99);
    let at_zero = Revision(0);
    let forecast = [set("schemes[0].forecast", "1.00")];
    let refusals = [
        code(ws.edit(unknown, at_zero, &forecast, None)),
        code(ws.scenario(unknown)),
        code(ws.assessment(unknown)),
        code(ws.changes(unknown)),
        code(ws.branch(unknown, "copy")),
        code(ws.describe(unknown, Some("x"), None)),
        code(ws.agree(unknown, at_zero, &signoffs())),
        code(ws.agreed_version(unknown)),
        code(ws.record_export(unknown, "outcome", "out.json")),
    ];
    assert_eq!(refusals, ["S-UNKNOWN-SCENARIO"; 9]);
    assert_eq!(
        code(ws.import_scenario(PlanId(42), &example(FIXED), "x", "fixed")),
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
    let (mut ws, id) = fixed(&dir);
    let before = snapshot(&ws);
    let bad = example(INVALID_EXAMPLE);

    let err = ws
        .import_plan(&bad, "Broken", "invalid-several-errors.plan.json")
        .unwrap_err();
    assert_eq!(err.code(), "S-INVALID-PLAN");
    let StoreError::InvalidPlan(findings) = &err else {
        unreachable!()
    };
    let mut found: Vec<Vec<String>> = findings
        .iter()
        .map(|f| vec![f.code.as_str().to_owned(), f.path.clone()])
        .collect();
    found.sort();
    let wanted = sorted_fields(
        &expected_outcome(INVALID_EXAMPLE)["findings"],
        &["code", "path"],
    );
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
