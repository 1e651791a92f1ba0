use serde_json::{Value, json};

use super::*;
use crate::plan::edit::Edit;

/// The fixed 50:50 worked example's document.
fn plan() -> Value {
    let text = include_str!("../../../../fixtures/examples/fixed-50-50.plan.json");
    serde_json::from_str(text).unwrap()
}

/// A change as recorded: its kind, path, values before and after (as JSON text, "" for none),
/// and the action it was made in.
struct Row(
    EditKind,
    &'static str,
    Option<Value>,
    Option<Value>,
    &'static str,
);

fn json_or_none(text: &str) -> Option<Value> {
    (!text.is_empty()).then(|| serde_json::from_str(text).unwrap())
}

fn set(path: &'static str, before: &str, after: &str) -> Row {
    Row(
        EditKind::Set,
        path,
        json_or_none(before),
        json_or_none(after),
        path,
    )
}

fn insert(path: &'static str, after: &str, action: &'static str) -> Row {
    Row(EditKind::Insert, path, None, json_or_none(after), action)
}

fn remove(path: &'static str, before: &str, action: &'static str) -> Row {
    Row(EditKind::Remove, path, json_or_none(before), None, action)
}

/// The changes of `rows`, each with no reason.
fn recorded(rows: &[Row]) -> Vec<RecordedChange<'_>> {
    rows.iter()
        .map(|Row(op, path, before, after, action)| RecordedChange {
            op: *op,
            path,
            position: None,
            before: before.as_ref(),
            after: after.as_ref(),
            reason: None,
            action,
        })
        .collect()
}

#[test]
fn each_change_reads_as_a_sentence() {
    let rows = [
        set("schemes[1].forecast", r#""5602734.00""#, r#""100.00""#),
        insert(
            "schemes[0].funding[2]",
            r#"{"stream": "dfg", "amount": "25000.00"}"#,
            "b",
        ),
        set(
            "risk_share.groups[0].overspend.shares.ccg",
            r#""50""#,
            r#""60""#,
        ),
        set("schemes[id=S03].commissioner", r#""council""#, r#""ccg""#),
        remove("schemes[3]", "null", "c"),
        set("host", r#""council""#, r#""ccg""#),
        set(
            "schemes[id=S01].type",
            r#""bed_based_intermediate_care""#,
            r#""home_care""#,
        ),
        set(
            "schemes[id=S01].commissioner",
            r#""council""#,
            r#"{"joint": {"council": "60", "ccg": "40"}}"#,
        ),
        set(
            "schemes[id=S01].commissioner.joint.ccg",
            r#""40""#,
            r#""45.5""#,
        ),
        set(
            "risk_share.groups[id=pool].caps",
            "",
            r#"{"ccg": "250000.00"}"#,
        ),
        set("risk_share.groups[id=pool].cap_at_contribution", "", "true"),
        set("requirements", "", r#"{"nhs_min_social_care": "1.00"}"#),
        set(
            "requirements.nhs_min_social_care",
            r#""1.00""#,
            r#""2000000.00""#,
        ),
        set("schemes[id=S02].id", r#""S02""#, r#""S12""#),
        remove("schemes[id=S12].forecast", r#""5602734.00""#, "d"),
        set("name", r#""Old""#, r#""New name""#),
    ];
    let mut changes = recorded(&rows);
    changes[0].reason = Some("M6 return");
    let readings = read_changes(&plan(), &changes);
    let texts: Vec<&str> = readings.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Home care to support discharge (S02): forecast £5,602,734.00 → £100.00, because M6 return",
            "Reablement beds (S01): added funding from Disabled Facilities Grant (dfg), £25,000.00",
            "Whole pool (pool): overspend rule share for Telford and Wrekin CCG 50 → 60",
            "Community rapid response (S03): commissioner Telford & Wrekin Council (council) → Telford and Wrekin CCG (ccg)",
            "Removed scheme Carers' breaks (S04)",
            "Plan: host Telford & Wrekin Council (council) → Telford and Wrekin CCG (ccg)",
            "Reablement beds (S01): type Bed based intermediate care services → Home care or domiciliary care",
            "Reablement beds (S01): commissioner Telford & Wrekin Council (council) → joint share (Telford & Wrekin Council 60%, Telford and Wrekin CCG 40%)",
            "Reablement beds (S01): commissioner joint share for Telford and Wrekin CCG 40% → 45.5%",
            "Whole pool (pool): cap (none) → Telford and Wrekin CCG £250,000.00",
            "Whole pool (pool): capped at contribution (none) → yes",
            "Plan: requirements (none) → NHS minimum for social care £1.00",
            "Requirements: NHS minimum for social care £1.00 → £2,000,000.00",
            "Home care to support discharge (S02): id S02 → S12",
            "Home care to support discharge (S12): forecast removed (was £5,602,734.00)",
            "Plan: name “Old” → “New name”",
        ]
    );
    assert_eq!(readings[0].path, "schemes[id=S02].forecast");
    assert_eq!(readings[0].position, Some(1));
    assert_eq!(
        readings[1].path, "schemes[id=S01].funding[stream=dfg]",
        "a new funding line is named by its stream"
    );
    assert_eq!(
        readings[2].subjects,
        [
            Subject::new(SubjectKind::Group, "pool"),
            Subject::new(SubjectKind::Partner, "ccg")
        ]
    );
    let rename = Rename {
        kind: SubjectKind::Scheme,
        from: "S02".into(),
        to: "S12".into(),
    };
    assert_eq!(readings[13].renamed, Some(rename));
}

#[test]
fn history_follows_an_item_across_renames_and_moves() {
    let s01 = plan()["schemes"][0].to_string();
    let rows = [
        // 0: S02's forecast, by position.
        set("schemes[1].forecast", "", r#""1.00""#),
        // 1, 2: S01 moved to the end (removed and put back, in one action).
        remove("schemes[0]", &s01, "move"),
        insert("schemes[4]", &s01, "move"),
        // 3: S02 (now first) renamed S12; 4: by position again, the first scheme is S12.
        set("schemes[0].id", "", r#""S12""#),
        Row(
            EditKind::Set,
            "schemes[0].forecast",
            None,
            Some(json!("2.00")),
            "later",
        ),
        // 5: S01's forecast, by id.
        set("schemes[id=S01].forecast", "", r#""3.00""#),
    ];
    let changes = recorded(&rows);
    let readings = read_changes(&plan(), &changes);
    assert_eq!(readings[4].path, "schemes[id=S12].forecast");
    let scheme = |id: &str| changes_to(&readings, &Subject::new(SubjectKind::Scheme, id));
    assert_eq!(scheme("S12"), [0, 3, 4]);
    assert_eq!(scheme("S01"), [1, 2, 5]);
    // S02 is S12's old name: asked by it, the history ends at the rename.
    assert_eq!(scheme("S02"), [0, 3]);
    assert!(changes_to(&readings, &Subject::new(SubjectKind::Stream, "dfg")).is_empty());

    let mut current = plan();
    for c in &changes {
        let edit = Edit {
            kind: c.op,
            path: PlanPath::parse(c.path).unwrap(),
            value: c.after.cloned(),
            position: c.position,
        };
        apply_to_tree(&mut current, &edit).unwrap();
    }
    let gone: Vec<SubjectName> = subjects_in(&current, &readings)
        .into_iter()
        .filter(|s| !s.present)
        .collect();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].subject, Subject::new(SubjectKind::Scheme, "S02"));
    assert_eq!(gone[0].name, "Home care to support discharge");
}

#[test]
fn a_change_that_no_longer_fits_is_read_as_recorded() {
    let readings = read_changes(&plan(), &recorded(&[set("schemes[9].forecast", "", "1")]));
    assert!(
        readings[0].text.contains("no longer fits"),
        "{}",
        readings[0].text
    );
    assert!(readings[0].subjects.is_empty());
}

/// A worked example's document, by name.
fn example(name: &str) -> Value {
    let path = format!(
        "{}/../../fixtures/examples/{name}.plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn texts(readings: &[ChangeReading]) -> Vec<&str> {
    readings.iter().map(|r| r.text.as_str()).collect()
}

#[test]
fn reserves_and_aligned_budgets_read_as_sentences() {
    let rows = [
        set(
            "risk_share.groups[id=council-pool].opening_reserve",
            r#""250000.00""#,
            r#""300000.00""#,
        ),
        remove(
            "risk_share.groups[id=discharge].opening_reserve",
            r#""40000.00""#,
            "b",
        ),
        set(
            "risk_share.groups[id=discharge].opening_reserve",
            "",
            r#""0.00""#,
        ),
        set("risk_share.groups[id=discharge].settle", "", "false"),
        set("risk_share.groups[id=discharge].settle", "false", "true"),
        set("risk_share.groups[id=discharge].settle", "true", "false"),
        // No `settle` means money moves: removing it is a change back to that.
        remove("risk_share.groups[id=discharge].settle", "false", "c"),
    ];
    let readings = read_changes(&example("reserve-and-offsets"), &recorded(&rows));
    assert_eq!(
        texts(&readings),
        [
            "Council-hosted pool (council-pool): opening reserve £250,000.00 → £300,000.00",
            "Discharge funds (discharge): opening reserve removed (was £40,000.00)",
            "Discharge funds (discharge): opening reserve (none) → £0.00",
            "Discharge funds (discharge): money moves → no money moves (aligned budget)",
            "Discharge funds (discharge): no money moves (aligned budget) → money moves",
            "Discharge funds (discharge): money moves → no money moves (aligned budget)",
            "Discharge funds (discharge): no money moves (aligned budget) → money moves",
        ]
    );
}

#[test]
fn netting_sets_read_as_what_was_netted_with_what() {
    let rows = [
        remove("risk_share.offsets[0][1]", r#""icb-pool""#, "a"),
        insert("risk_share.offsets[0][1]", r#""discharge""#, "b"),
        set(
            "risk_share.offsets[0][1]",
            r#""discharge""#,
            r#""icb-pool""#,
        ),
        remove(
            "risk_share.offsets[0]",
            r#"["council-pool", "icb-pool"]"#,
            "c",
        ),
        insert("risk_share.offsets[0]", r#"["icb-pool", "discharge"]"#, "d"),
        set(
            "risk_share.offsets",
            r#"[["icb-pool", "discharge"]]"#,
            r#"[["icb-pool", "discharge", "council-pool"]]"#,
        ),
        remove(
            "risk_share.offsets",
            r#"[["icb-pool", "discharge", "council-pool"]]"#,
            "e",
        ),
        set(
            "risk_share.offsets",
            "",
            r#"[["council-pool", "icb-pool"]]"#,
        ),
        set(
            "risk_share.offsets",
            r#"[["council-pool", "icb-pool"]]"#,
            r#"[["icb-pool", "council-pool"]]"#,
        ),
    ];
    let readings = read_changes(&example("reserve-and-offsets"), &recorded(&rows));
    assert_eq!(
        texts(&readings),
        [
            "Risk share: removed ICB-hosted pool, each scheme on its own (icb-pool) from the netting set of Council-hosted pool (council-pool)",
            "Risk share: added Discharge funds (discharge) to the netting set of Council-hosted pool (council-pool)",
            "Risk share: changed the netting set of Council-hosted pool (council-pool) and Discharge funds (discharge) to Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool)",
            "Risk share: removed the netting set of Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool)",
            "Risk share: added a netting set of ICB-hosted pool, each scheme on its own (icb-pool) and Discharge funds (discharge)",
            "Risk share: added Council-hosted pool (council-pool) to the netting set of ICB-hosted pool, each scheme on its own (icb-pool) and Discharge funds (discharge)",
            "Risk share: removed the netting set of ICB-hosted pool, each scheme on its own (icb-pool), Discharge funds (discharge) and Council-hosted pool (council-pool)",
            "Risk share: added a netting set of Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool)",
            // Only the order changed: read as written.
            "Risk share: netting sets Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool) → ICB-hosted pool, each scheme on its own (icb-pool) and Council-hosted pool (council-pool)",
        ]
    );
    // A group changed in a set is about the risk share's netting, by position.
    assert_eq!(readings[2].path, "risk_share.offsets[0][1]");
    // Filtering the history by a group finds the changes to the netting sets it was put in or
    // taken out of: the groups are named in the values.
    assert_eq!(
        readings[2].subjects,
        [
            Subject::new(SubjectKind::Group, "discharge"),
            Subject::new(SubjectKind::Group, "icb-pool")
        ]
    );
    assert_eq!(
        readings[4].subjects,
        [
            Subject::new(SubjectKind::Group, "icb-pool"),
            Subject::new(SubjectKind::Group, "discharge")
        ]
    );
    let about_council = readings
        .iter()
        .filter(|r| {
            r.subjects
                .contains(&Subject::new(SubjectKind::Group, "council-pool"))
        })
        .count();
    assert_eq!(about_council, 5);
}

#[test]
fn two_lists_of_netting_sets_are_compared_set_by_set() {
    let plan = example("reserve-and-offsets");
    let mut right = plan.clone();
    right["risk_share"]["offsets"] = json!([["council-pool", "icb-pool", "discharge"]]);
    let path = PlanPath::parse("risk_share.offsets[0][2]").unwrap();
    assert_eq!(
        describe_difference(&plan, &right, &path, None, Some(&json!("discharge"))),
        "Risk share: added Discharge funds (discharge) to the netting set of Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool)"
    );
    // Read the other way, the plan that has the group is the left one.
    assert_eq!(
        describe_difference(&right, &plan, &path, Some(&json!("discharge")), None),
        "Risk share: removed Discharge funds (discharge) from the netting set of Council-hosted pool (council-pool) and ICB-hosted pool, each scheme on its own (icb-pool)"
    );
    let mut two = plan.clone();
    two["risk_share"]["offsets"] = json!([["council-pool", "icb-pool"], ["discharge", "x"]]);
    let whole = PlanPath::parse("risk_share.offsets").unwrap();
    assert_eq!(
        describe_difference(
            &plan,
            &two,
            &whole,
            Some(&plan["risk_share"]["offsets"]),
            Some(&two["risk_share"]["offsets"])
        ),
        "Risk share: added a netting set of Discharge funds (discharge) and x"
    );
}

#[test]
fn stated_and_agreed_amounts_read_by_their_rule() {
    let rows = [
        set(
            "risk_share.groups[id=discharge].underspend.amounts.icb",
            r#""150000.00""#,
            r#""162345.67""#,
        ),
        set(
            "risk_share.groups[id=shared].overspend.bands[1].rule.amounts.council",
            r#""95312000.00""#,
            r#""96000000.00""#,
        ),
        set(
            "risk_share.groups[id=winter].overspend.method",
            r#""agreed""#,
            r#""pro_rata_amounts""#,
        ),
        set(
            "risk_share.groups[id=winter].overspend.amounts",
            r#"{"council": "30000.00", "icb": "45678.90"}"#,
            r#"{"council": "1.00", "icb": "3.00"}"#,
        ),
        remove(
            "risk_share.groups[id=winter].overspend.amounts.council",
            r#""1.00""#,
            "b",
        ),
        set(
            "risk_share.groups[id=discharge].underspend",
            r#"{"method": "agreed", "amounts": {"council": "100000.00", "icb": "162345.67"}}"#,
            r#"{"method": "pro_rata_contributions"}"#,
        ),
        set(
            "risk_share.groups[id=discharge].overspend",
            r#"{"method": "pro_rata_commissioned"}"#,
            r#"{"method": "agreed", "amounts": {"council": "5.00"}}"#,
        ),
    ];
    let readings = read_changes(&example("agreed-and-amounts"), &recorded(&rows));
    assert_eq!(
        texts(&readings),
        [
            "Discharge funds (discharge): underspend rule agreed amount for Example ICB (locality) £150,000.00 → £162,345.67",
            "Shared risk pool (shared): overspend rule band 2 stated amount for Example Metropolitan Borough Council £95,312,000.00 → £96,000,000.00",
            "Winter pressures (winter): overspend rule method as agreed by the board → in proportion to stated amounts",
            "Winter pressures (winter): overspend rule stated amounts Example Metropolitan Borough Council £30,000.00, Example ICB (locality) £45,678.90 → Example Metropolitan Borough Council £1.00, Example ICB (locality) £3.00",
            "Winter pressures (winter): overspend rule stated amount for Example Metropolitan Borough Council removed (was £1.00)",
            "Discharge funds (discharge): underspend rule method as agreed by the board, amounts (Example Metropolitan Borough Council £100,000.00, Example ICB (locality) £162,345.67) → method in proportion to contributions",
            "Discharge funds (discharge): overspend rule method in proportion to what each partner commissions → method as agreed by the board, amounts (Example Metropolitan Borough Council £5.00)",
        ]
    );
    assert_eq!(
        readings[0].subjects,
        [
            Subject::new(SubjectKind::Group, "discharge"),
            Subject::new(SubjectKind::Partner, "icb")
        ]
    );
}
