//! The actions the desktop window takes (`pooled_api`), on a real workspace file: each returns
//! what the window shows, and a refused action changes nothing.

use std::path::PathBuf;

use pooled_api::{self, EditRequest, HistoryQuery, NewPlan, ScenarioView};
use pooled_core::plan::edit::EditKind;
use pooled_core::{Assessment, assess_bytes};
use pooled_report::Units;
use pooled_store::{DEMO_PLAN, SignOff, Status, Workspace};
use serde_json::{Value, json};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("pooled-app-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn workspace(&self) -> Workspace {
        Workspace::open_or_create(&self.0.join("w.pooled"), "Asha Patel").unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn set(path: &str, value: Value) -> EditRequest {
    EditRequest {
        op: EditKind::Set,
        path: path.to_owned(),
        value: Some(value),
    }
}

fn final_costs(assessment: &Assessment) -> Vec<(String, String)> {
    match assessment {
        Assessment::Evaluated(outcome) => outcome
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.final_cost.to_plain()))
            .collect(),
        Assessment::Rejected(r) => panic!("rejected: {:?}", r.findings),
    }
}

/// The demo plan with one forecast changed, evaluated straight from its JSON by the engine.
fn demo_with_forecast(index: usize, forecast: &str) -> Assessment {
    let mut plan: Value = serde_json::from_slice(DEMO_PLAN).unwrap();
    plan["schemes"][index]["forecast"] = json!(forecast);
    assess_bytes(plan.to_string().as_bytes())
}

fn first_scenario(ws: &Workspace) -> ScenarioView {
    let view = app::workspace(ws).unwrap();
    app::scenario(ws, view.plans[0].scenarios[0].id).unwrap()
}

#[test]
fn first_run_shows_the_demo_plan_with_its_outcome() {
    let scratch = Scratch::new("first-run");
    let ws = scratch.workspace();
    let view = app::workspace(&ws).unwrap();
    assert_eq!(view.actor, "Asha Patel");
    assert_eq!(view.plans.len(), 1);
    assert_eq!(view.plans[0].plan.financial_year, "2025-26");
    assert_eq!(view.plans[0].scenarios[0].name, "Baseline");
    let scenario = first_scenario(&ws);
    assert_eq!(scenario.document.schemes.len(), 48);
    assert_eq!(
        final_costs(&scenario.assessment),
        final_costs(&assess_bytes(DEMO_PLAN))
    );
}

#[test]
fn an_edit_is_saved_and_the_outcome_is_the_engines() {
    let scratch = Scratch::new("edit");
    let mut ws = scratch.workspace();
    let before = first_scenario(&ws);
    let after = app::edit(
        &mut ws,
        before.id,
        before.revision,
        &[set("schemes[0].forecast", json!("6500000.00"))],
        Some("Q2 forecast"),
    )
    .unwrap();
    assert_eq!(after.revision, before.revision + 1);
    assert!(
        after.document.is_none(),
        "a set sends no document back: the window already has the value"
    );
    let expected = demo_with_forecast(0, "6500000.00");
    assert_eq!(final_costs(&after.assessment), final_costs(&expected));
    assert_ne!(
        final_costs(&after.assessment),
        final_costs(&before.assessment)
    );
    // Saved: a fresh read shows it.
    let reread = app::scenario(&ws, before.id).unwrap();
    assert_eq!(
        reread.document.schemes[0]
            .forecast
            .as_ref()
            .unwrap()
            .as_str(),
        "6500000.00"
    );
}

#[test]
fn an_invalid_entry_names_the_field_and_saves_nothing() {
    let scratch = Scratch::new("invalid");
    let mut ws = scratch.workspace();
    let before = first_scenario(&ws);
    let error = app::edit(
        &mut ws,
        before.id,
        before.revision,
        &[set("schemes[2].forecast", json!("12.345"))],
        None,
    )
    .unwrap_err();
    assert_eq!(error.code, "S-INVALID-PLAN");
    assert_eq!(error.findings.len(), 1);
    assert_eq!(error.findings[0].path, "schemes[2].forecast");
    assert!(error.message.contains("12.345"), "{}", error.message);
    let after = app::scenario(&ws, before.id).unwrap();
    assert_eq!(after.revision, before.revision);
    assert_eq!(after.document, before.document);

    let bad_path = app::edit(
        &mut ws,
        before.id,
        before.revision,
        &[set("schemes[", json!("1"))],
        None,
    )
    .unwrap_err();
    assert_eq!(bad_path.code, "A-BAD-PATH");
}

#[test]
fn a_preview_shows_the_outcome_without_saving() {
    let scratch = Scratch::new("preview");
    let ws = scratch.workspace();
    let before = first_scenario(&ws);
    let preview = app::preview(
        &ws,
        before.id,
        &[set("schemes[1].forecast", json!("4000000.00"))],
    )
    .unwrap();
    assert_eq!(
        final_costs(&preview),
        final_costs(&demo_with_forecast(1, "4000000.00"))
    );
    let unsaved =
        app::preview(&ws, before.id, &[set("schemes[1].forecast", json!("four"))]).unwrap();
    assert_eq!(unsaved.findings()[0].path, "schemes[1].forecast");
    assert_eq!(
        app::scenario(&ws, before.id).unwrap().revision,
        before.revision
    );
}

#[test]
fn scenarios_are_branched_described_compared_and_agreed() {
    let scratch = Scratch::new("scenarios");
    let mut ws = scratch.workspace();
    let base = first_scenario(&ws);
    let second = app::branch(&mut ws, base.id, "  Winter pressures ").unwrap();
    assert_eq!(second.name, "Winter pressures");
    assert_eq!(second.branched_from, Some(base.id));
    let second = app::edit(
        &mut ws,
        second.id,
        second.revision,
        &[set("schemes[0].forecast", json!("6000000.00"))],
        None,
    )
    .unwrap();
    let second = app::describe(&mut ws, second.id, "Winter", "Higher reablement forecast").unwrap();
    assert_eq!(second.description, "Higher reablement forecast");
    assert_eq!(
        app::branch(&mut ws, base.id, " ").unwrap_err().code,
        "A-REQUIRED"
    );

    let comparisons = app::compare_scenarios(&ws, &[base.id, second.id]).unwrap();
    assert_eq!(comparisons.len(), 1);
    let fields: Vec<&str> = comparisons[0]
        .comparison
        .fields
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(fields, ["schemes[0].forecast"]);
    assert!(
        comparisons[0]
            .comparison
            .partners
            .iter()
            .any(|p| p.final_cost.change.to_plain() != "0.00")
    );
    assert_eq!(
        app::compare_scenarios(&ws, &[base.id]).unwrap_err().code,
        "A-COMPARE"
    );

    let signoffs = vec![SignOff {
        name: "Sam Okafor".into(),
        role: "Section 151 officer".into(),
        organisation: "Northbrook Council".into(),
        date: "2026-11-23".into(),
    }];
    let agreed = app::agree(&mut ws, second.id, second.revision, &signoffs).unwrap();
    assert_eq!(agreed.status, Status::Agreed);
    assert_eq!(agreed.agreement.as_ref().unwrap().signoffs, signoffs);
    let frozen = app::edit(
        &mut ws,
        agreed.id,
        agreed.revision,
        &[set("schemes[0].forecast", json!("1.00"))],
        None,
    )
    .unwrap_err();
    assert_eq!(frozen.code, "S-FROZEN");
    let next = app::branch(&mut ws, agreed.id, "2025/26 in-year review").unwrap();
    assert_eq!(next.status, Status::Draft);
}

#[test]
fn history_lists_edits_with_filters_and_the_chain_verifies() {
    let scratch = Scratch::new("history");
    let mut ws = scratch.workspace();
    let base = first_scenario(&ws);
    app::edit(
        &mut ws,
        base.id,
        base.revision,
        &[set("schemes[3].forecast", json!("1.00"))],
        Some("typo"),
    )
    .ok();
    let base = app::scenario(&ws, base.id).unwrap();
    app::edit(
        &mut ws,
        base.id,
        base.revision,
        &[set("schemes[4].forecast", json!("2500000.00"))],
        Some("M6 forecast"),
    )
    .unwrap();
    let all = app::history(&ws, &HistoryQuery::default()).unwrap();
    assert!(all.iter().any(|e| e.action == "import"));
    let changes = app::history(
        &ws,
        &HistoryQuery {
            field: Some("schemes[4]".into()),
            who: Some("asha patel".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].detail["reason"], "M6 forecast");
    let bad = app::history(
        &ws,
        &HistoryQuery {
            since: Some("23/11/2026".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(bad.code, "A-BAD-DATE");
    assert!(app::verify(&ws).unwrap().is_intact());
}

#[test]
fn plans_are_created_blank_or_from_the_demo_and_exported() {
    let scratch = Scratch::new("create");
    let mut ws = scratch.workspace();
    let blank = app::create_plan(
        &mut ws,
        &NewPlan::Blank {
            name: "Westmoor BCF".into(),
            financial_year: "2026-27".into(),
        },
    )
    .unwrap();
    assert_eq!(blank.document.partners.len(), 2);
    assert!(matches!(blank.assessment, Assessment::Evaluated(_)));
    let wrong_year = app::create_plan(
        &mut ws,
        &NewPlan::Blank {
            name: "X".into(),
            financial_year: "2026/27".into(),
        },
    )
    .unwrap_err();
    assert_eq!(wrong_year.code, "S-INVALID-PLAN");
    assert_eq!(wrong_year.findings[0].path, "financial_year");
    app::create_plan(&mut ws, &NewPlan::Demo).unwrap();
    assert_eq!(app::workspace(&ws).unwrap().plans.len(), 3);

    let text = app::export_plan(&ws, blank.id).unwrap();
    let imported = app::import_plan(&mut ws, text.as_bytes(), "westmoor.json").unwrap();
    assert_eq!(imported.document, blank.document);
    let refused = app::import_plan(&mut ws, b"{\"format\": 1}", "broken.json").unwrap_err();
    assert_eq!(refused.code, "S-INVALID-PLAN");
    assert_eq!(app::workspace(&ws).unwrap().plans.len(), 4);
}

/// `pdftotext -layout` of PDF bytes (poppler-utils).
fn pdf_text(pdf: &[u8], scratch: &Scratch) -> String {
    let file = scratch.0.join("paper.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_board_paper_of_a_draft_and_of_an_agreed_version() {
    let scratch = Scratch::new("paper");
    let mut ws = scratch.workspace();
    let draft = first_scenario(&ws);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();

    let paper = app::board_paper(&ws, draft.id, today, Units::Pounds).unwrap();
    assert_eq!(
        paper.file_name,
        "northbrook-better-care-fund-2025-26-baseline-draft.pdf"
    );
    let text = pdf_text(&paper.bytes, &scratch);
    assert!(text.contains("DRAFT"), "{text}");
    assert!(text.contains("Page 1 of"));
    for (_, cost) in final_costs(&draft.assessment) {
        let shown = pooled_core::money::Money::parse(&cost).unwrap().to_uk();
        assert!(
            text.contains(&shown),
            "the paper shows the final cost {shown}"
        );
    }

    let signoffs = vec![SignOff {
        name: "Sam Okafor".into(),
        role: "Section 151 officer".into(),
        organisation: "Northbrook Council".into(),
        date: "2025-10-21".into(),
    }];
    let agreed = app::agree(&mut ws, draft.id, draft.revision, &signoffs).unwrap();
    let paper = app::board_paper(&ws, agreed.id, today, Units::Thousands).unwrap();
    assert!(paper.file_name.ends_with("-agreed.pdf"));
    let text = pdf_text(&paper.bytes, &scratch);
    assert!(text.contains("AGREED"), "{text}");
    assert!(text.contains("Sam Okafor"));
    assert!(text.contains("£000"));

    app::record_board_paper(&mut ws, agreed.id, "/tmp/board.pdf").unwrap();
    let history = app::history(&ws, &HistoryQuery::default()).unwrap();
    let export = history.iter().find(|e| e.action == "export").unwrap();
    assert_eq!(export.scenario_id, Some(agreed.id));
    assert!(export.detail.to_string().contains("board paper"));

    let missing = app::board_paper(&ws, 999, today, Units::Pounds).unwrap_err();
    assert!(missing.code.starts_with("S-"), "{missing:?}");
}

#[test]
fn an_edit_that_reshapes_the_document_sends_it_back() {
    let scratch = Scratch::new("reshape");
    let mut ws = scratch.workspace();
    let before = first_scenario(&ws);
    let contracts = before.document.contracts.as_ref().map_or(0, Vec::len);
    assert!(contracts > 0, "the demo plan has contracts");
    let remove = EditRequest {
        op: EditKind::Remove,
        path: format!("contracts[{}]", contracts - 1),
        value: None,
    };
    let after = app::edit(&mut ws, before.id, before.revision, &[remove], None).unwrap();
    let document = after
        .document
        .as_ref()
        .expect("the document after a remove");
    assert_eq!(
        document.contracts.as_ref().map_or(0, Vec::len),
        contracts - 1
    );
    assert_eq!(*document, app::scenario(&ws, before.id).unwrap().document);
}
