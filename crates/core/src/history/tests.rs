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
