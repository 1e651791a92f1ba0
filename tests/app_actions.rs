//! The actions the desktop window takes (`pooled_api`), on a real workspace file: each returns
//! what the window shows, and a refused action changes nothing.

use pooled_api::{
    self, AppError, EditRequest, EditResult, HistoryQuery, HistoryView, NewPlan, ScenarioView,
    Subject, SubjectKind,
};
use pooled_core::plan::edit::EditKind;
use pooled_core::{Assessment, assess_bytes};
use pooled_report::Units;
use pooled_store::{AuditAction, DEMO_PLAN, ScenarioId, SignOff, Status, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::pdf::pdftotext;
use pooled_testkit::plans::{final_costs, request, set_request as set, signoff};
use serde_json::{Value, json};

/// A first run of the window: a new workspace (in a folder of its own, kept while the test
/// runs) with the demo plan, and its first scenario as the window first shows it.
fn first_run(name: &str) -> (TempDir, Workspace, ScenarioView) {
    let dir = TempDir::new(name);
    let ws = Workspace::open_or_create(&dir.path("w.pooled"), "Asha Patel").unwrap();
    let first = first_scenario(&ws);
    (dir, ws, first)
}

/// Sets one field of a scenario to a text (an amount, a name, an id) at the revision it is at
/// now, as the window does.
fn save_text(
    ws: &mut Workspace,
    id: ScenarioId,
    path: &str,
    text: &str,
    reason: Option<&str>,
) -> Result<EditResult, AppError> {
    save(ws, id, &[set(path, json!(text))], reason)
}

/// Saves edits to a scenario at the revision it is at now, as the window does.
fn save(
    ws: &mut Workspace,
    id: ScenarioId,
    edits: &[EditRequest],
    reason: Option<&str>,
) -> Result<EditResult, AppError> {
    let revision = ws.summary(id).unwrap().revision;
    pooled_api::edit(ws, id, revision, edits, reason)
}

/// The demo plan with one forecast changed, evaluated straight from its JSON by the engine.
fn demo_with_forecast(index: usize, forecast: &str) -> Assessment {
    let mut plan: Value = serde_json::from_slice(DEMO_PLAN).unwrap();
    plan["schemes"][index]["forecast"] = json!(forecast);
    assess_bytes(plan.to_string().as_bytes())
}

fn first_scenario(ws: &Workspace) -> ScenarioView {
    let view = pooled_api::workspace(ws).unwrap();
    pooled_api::scenario(ws, view.plans[0].scenarios[0].id).unwrap()
}

/// The sign-off of the Northbrook Section 151 officer, dated `date`.
fn section_151(date: &str) -> Vec<SignOff> {
    vec![signoff(
        "Sam Okafor",
        "Section 151 officer",
        "Northbrook Council",
        date,
    )]
}

fn history(ws: &Workspace, query: HistoryQuery) -> HistoryView {
    pooled_api::history(ws, &query).unwrap()
}

#[test]
fn first_run_shows_the_demo_plan_with_its_outcome() {
    let (_dir, ws, _) = first_run("first-run");
    let view = pooled_api::workspace(&ws).unwrap();
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
    let (_dir, mut ws, before) = first_run("edit");
    let after = save_text(
        &mut ws,
        before.id,
        "schemes[0].forecast",
        "6500000.00",
        Some("Q2 forecast"),
    )
    .unwrap();
    assert_eq!(after.revision, before.revision.next());
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
    let reread = pooled_api::scenario(&ws, before.id).unwrap();
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
    let (_dir, mut ws, before) = first_run("invalid");
    let error = save_text(&mut ws, before.id, "schemes[2].forecast", "12.345", None).unwrap_err();
    assert_eq!(error.code, "S-INVALID-PLAN");
    assert_eq!(error.findings.len(), 1);
    assert_eq!(error.findings[0].path, "schemes[2].forecast");
    assert!(error.message.contains("12.345"), "{}", error.message);
    let after = pooled_api::scenario(&ws, before.id).unwrap();
    assert_eq!(after.revision, before.revision);
    assert_eq!(after.document, before.document);

    let bad_path = save_text(&mut ws, before.id, "schemes[", "1", None).unwrap_err();
    assert_eq!(bad_path.code, "A-BAD-PATH");
}

#[test]
fn a_preview_shows_the_outcome_without_saving() {
    let (_dir, ws, before) = first_run("preview");
    let preview = pooled_api::preview(
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
        pooled_api::preview(&ws, before.id, &[set("schemes[1].forecast", json!("four"))]).unwrap();
    assert_eq!(unsaved.findings()[0].path, "schemes[1].forecast");
    assert_eq!(
        pooled_api::scenario(&ws, before.id).unwrap().revision,
        before.revision
    );
}

#[test]
fn scenarios_are_branched_described_compared_and_agreed() {
    let (_dir, mut ws, base) = first_run("scenarios");
    let second = pooled_api::branch(&mut ws, base.id, "  Winter pressures ").unwrap();
    assert_eq!(second.name, "Winter pressures");
    assert_eq!(second.branched_from, Some(base.id));
    let second = save_text(
        &mut ws,
        second.id,
        "schemes[0].forecast",
        "6000000.00",
        None,
    )
    .unwrap();
    let second = pooled_api::describe(
        &mut ws,
        second.id,
        Some("Winter"),
        Some("Higher reablement forecast"),
    )
    .unwrap();
    assert_eq!(
        (second.name.as_str(), second.description.as_str()),
        ("Winter", "Higher reablement forecast")
    );
    // Left out, a name or description stays as it is; a blank name is refused.
    let second = pooled_api::describe(&mut ws, second.id, None, Some(" Winter beds ")).unwrap();
    assert_eq!(
        (second.name.as_str(), second.description.as_str()),
        ("Winter", "Winter beds")
    );
    assert_eq!(
        pooled_api::describe(&mut ws, second.id, Some(" "), None)
            .unwrap_err()
            .code,
        "A-REQUIRED"
    );
    assert_eq!(
        pooled_api::branch(&mut ws, base.id, " ").unwrap_err().code,
        "A-REQUIRED"
    );

    let comparisons = pooled_api::compare_scenarios(&ws, &[base.id, second.id]).unwrap();
    assert_eq!(comparisons.len(), 1);
    let fields: Vec<(&str, &str)> = comparisons[0]
        .comparison
        .fields
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        fields,
        [(
            "schemes[id=NB01].forecast",
            "Home care – hospital discharge and flow (NB01): forecast £5,816,407.54 → £6,000,000.00"
        )]
    );
    assert!(
        comparisons[0]
            .comparison
            .partners
            .iter()
            .any(|p| p.final_cost.change.to_plain() != "0.00")
    );
    assert_eq!(
        pooled_api::compare_scenarios(&ws, &[base.id])
            .unwrap_err()
            .code,
        "A-COMPARE"
    );

    let signoffs = section_151("2026-11-23");
    let (version, superseded) =
        pooled_api::agree(&mut ws, second.id, second.revision, &signoffs).unwrap();
    assert_eq!(version.scenario_id, second.id);
    assert_eq!(version.signoffs, signoffs);
    assert!(superseded.is_empty(), "nothing was agreed before");
    let agreed = pooled_api::scenario(&ws, second.id).unwrap();
    assert_eq!(agreed.status, Status::Agreed);
    assert_eq!(agreed.agreement.as_ref().unwrap().signoffs, signoffs);
    let frozen = save_text(&mut ws, agreed.id, "schemes[0].forecast", "1.00", None).unwrap_err();
    assert_eq!(frozen.code, "S-FROZEN");
    let next = pooled_api::branch(&mut ws, agreed.id, "2025/26 in-year review").unwrap();
    assert_eq!(next.status, Status::Draft);
    // Agreeing the next draft supersedes the version agreed before it.
    let (_, superseded) = pooled_api::agree(&mut ws, next.id, next.revision, &signoffs).unwrap();
    assert_eq!(superseded, [agreed.id]);
    assert_eq!(
        pooled_api::scenario(&ws, agreed.id).unwrap().status,
        Status::Superseded
    );
}

#[test]
fn history_lists_edits_with_filters_and_the_chain_verifies() {
    let (_dir, mut ws, base) = first_run("history");
    let mut change = |path: &str, text: &str, reason: &str| {
        save_text(&mut ws, base.id, path, text, Some(reason)).unwrap();
    };
    // Three changes to NB05 (the fifth scheme), the second giving it a new id, and one to NB04.
    change("schemes[3].forecast", "3400000.00", "Pathway 2 demand");
    change("schemes[4].forecast", "2500000.00", "M6 forecast");
    change("schemes[id=NB05].id", "NB05A", "New scheme code");
    change("schemes[4].forecast", "2600000.00", "M7 forecast");

    let all = history(&ws, HistoryQuery::default());
    assert!(
        all.entries
            .iter()
            .any(|e| e.entry.action == AuditAction::Import)
    );
    // The history of one scheme, of what one person did or of anyone's.
    let of_scheme = |id: &str, who: Option<&str>| {
        history(
            &ws,
            HistoryQuery {
                subject: Some(Subject::new(SubjectKind::Scheme, id)),
                who: who.map(str::to_owned),
                ..Default::default()
            },
        )
    };
    let reasons = |view: &HistoryView| -> Vec<String> {
        view.entries
            .iter()
            .map(|e| e.entry.detail["reason"].as_str().unwrap().to_owned())
            .collect()
    };

    // The scheme's history follows it back across the change of id, and by the person, case
    // aside; every change is told in words.
    let nb05 = of_scheme("NB05A", Some("asha patel"));
    assert_eq!(
        reasons(&nb05),
        ["M6 forecast", "New scheme code", "M7 forecast"]
    );
    let first = &nb05.entries[0];
    assert_eq!(
        first.change.as_ref().unwrap().path,
        "schemes[id=NB05].forecast"
    );
    assert!(
        first
            .text
            .contains("(NB05): forecast £1,098,967.10 → £2,500,000.00"),
        "{}",
        first.text
    );
    assert!(
        nb05.subjects
            .iter()
            .any(|s| s.subject == Subject::new(SubjectKind::Scheme, "NB05A") && s.present),
        "{:?}",
        nb05.subjects
    );
    assert_eq!(reasons(&of_scheme("NB04", None)), ["Pathway 2 demand"]);
    assert!(of_scheme("NB05A", Some("someone else")).entries.is_empty());

    let bad = pooled_api::history(
        &ws,
        &HistoryQuery {
            since: Some("23/11/2026".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(bad.code, "A-BAD-DATE");
    assert!(pooled_api::verify(&ws).unwrap().is_intact());
}

#[test]
fn plans_are_created_blank_or_from_the_demo_and_exported() {
    let (_dir, mut ws, _) = first_run("create");
    let blank = pooled_api::create_plan(
        &mut ws,
        &NewPlan::Blank {
            name: "Westmoor BCF".into(),
            financial_year: "2026-27".into(),
        },
    )
    .unwrap();
    assert_eq!(blank.document.partners.len(), 2);
    assert!(matches!(blank.assessment, Assessment::Evaluated(_)));
    let wrong_year = pooled_api::create_plan(
        &mut ws,
        &NewPlan::Blank {
            name: "X".into(),
            financial_year: "2026/27".into(),
        },
    )
    .unwrap_err();
    assert_eq!(wrong_year.code, "S-INVALID-PLAN");
    assert_eq!(wrong_year.findings[0].path, "financial_year");
    pooled_api::create_plan(&mut ws, &NewPlan::Demo).unwrap();
    assert_eq!(pooled_api::workspace(&ws).unwrap().plans.len(), 3);

    let text = pooled_api::documents::export_plan(&ws, blank.id).unwrap();
    let imported = pooled_api::import_plan(&mut ws, text.as_bytes(), "westmoor.json").unwrap();
    assert_eq!(imported.document, blank.document);
    let refused = pooled_api::import_plan(&mut ws, b"{\"format\": 1}", "broken.json").unwrap_err();
    assert_eq!(refused.code, "S-INVALID-PLAN");
    assert_eq!(pooled_api::workspace(&ws).unwrap().plans.len(), 4);
}

#[test]
fn the_board_paper_of_a_draft_and_of_an_agreed_version() {
    let (_dir, mut ws, draft) = first_run("paper");
    let today = chrono::NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();

    let paper = pooled_api::board_paper(&ws, draft.id, today, Units::Pounds).unwrap();
    assert_eq!(
        paper.file_name,
        "northbrook-better-care-fund-2025-26-baseline-draft.pdf"
    );
    let text = pdftotext(&paper.bytes);
    assert!(text.contains("DRAFT"), "{text}");
    assert!(text.contains("Page 1 of"));
    for (_, cost) in final_costs(&draft.assessment) {
        let shown = pooled_core::money::Money::parse(&cost).unwrap().to_uk();
        assert!(
            text.contains(&shown),
            "the paper shows the final cost {shown}"
        );
    }

    let (agreed, _) = pooled_api::agree(
        &mut ws,
        draft.id,
        draft.revision,
        &section_151("2025-10-21"),
    )
    .unwrap();
    let paper = pooled_api::board_paper(&ws, agreed.scenario_id, today, Units::Thousands).unwrap();
    assert!(paper.file_name.ends_with("-agreed.pdf"));
    let text = pdftotext(&paper.bytes);
    assert!(text.contains("AGREED"), "{text}");
    assert!(text.contains("Sam Okafor"));
    assert!(text.contains("£000"));

    pooled_api::record_board_paper(&mut ws, agreed.scenario_id, "/tmp/board.pdf").unwrap();
    let history = history(&ws, HistoryQuery::default());
    let export = history
        .entries
        .iter()
        .find(|e| e.entry.action == AuditAction::Export)
        .unwrap();
    assert_eq!(export.entry.scenario_id, Some(agreed.scenario_id));
    assert_eq!(export.entry.detail["what"], "board paper");
    assert!(export.text.contains("board paper"), "{}", export.text);

    let missing = pooled_api::board_paper(&ws, ScenarioId(999), today, Units::Pounds).unwrap_err();
    assert!(missing.code.starts_with("S-"), "{missing:?}");
}

#[test]
fn an_edit_that_reshapes_the_document_sends_it_back() {
    let (_dir, mut ws, before) = first_run("reshape");
    let contracts = before.document.contracts.as_ref().map_or(0, Vec::len);
    assert!(contracts > 0, "the demo plan has contracts");
    let remove = request(
        EditKind::Remove,
        &format!("contracts[{}]", contracts - 1),
        None,
    );
    let after = save(&mut ws, before.id, &[remove], None).unwrap();
    let document = after
        .document
        .as_ref()
        .expect("the document after a remove");
    assert_eq!(
        document.contracts.as_ref().map_or(0, Vec::len),
        contracts - 1
    );
    assert_eq!(
        *document,
        pooled_api::scenario(&ws, before.id).unwrap().document
    );
}
