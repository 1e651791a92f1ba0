use serde_json::{Value, json};

use super::*;
use crate::plan::edit::Edit;

/// The fixed 50:50 worked example's document.
fn plan() -> Value {
    let text = include_str!("../../../../fixtures/examples/fixed-50-50.plan.json");
    serde_json::from_str(text).unwrap()
}

/// A change as recorded: `(op, path, before, after, action)`.
type Row = (
    EditKind,
    &'static str,
    Option<Value>,
    Option<Value>,
    &'static str,
);

/// The changes of `rows`, each with no reason.
fn recorded(rows: &[Row]) -> Vec<RecordedChange<'_>> {
    rows.iter()
        .map(|(op, path, before, after, action)| RecordedChange {
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
fn changes_read_like_a_finance_officer_writes_them() {
    use EditKind::{Insert, Remove, Set};
    let rows: Vec<Row> = vec![
        (
            Set,
            "schemes[1].forecast",
            Some(json!("5602734.00")),
            Some(json!("100.00")),
            "t1",
        ),
        (
            Insert,
            "schemes[0].funding[2]",
            None,
            Some(json!({"stream": "dfg", "amount": "25000.00"})),
            "t2",
        ),
        (
            Set,
            "risk_share.groups[0].overspend.shares.ccg",
            Some(json!("50")),
            Some(json!("60")),
            "t3",
        ),
        (
            Set,
            "schemes[id=S03].commissioner",
            Some(json!("council")),
            Some(json!("ccg")),
            "t4",
        ),
        (Remove, "schemes[3]", Some(Value::Null), None, "t5"),
        (
            Set,
            "host",
            Some(json!("council")),
            Some(json!("ccg")),
            "t6",
        ),
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
}

#[test]
fn history_follows_an_item_across_renames_and_moves() {
    use EditKind::{Insert, Remove, Set};
    let s01 = plan()["schemes"][0].clone();
    let rows: Vec<Row> = vec![
        // 0: S02's forecast, by position.
        (Set, "schemes[1].forecast", None, Some(json!("1.00")), "a"),
        // 1, 2: S01 moved to the end (removed and put back, in one action).
        (Remove, "schemes[0]", Some(s01.clone()), None, "b"),
        (Insert, "schemes[4]", None, Some(s01), "b"),
        // 3: S02 (now first) renamed S12.
        (Set, "schemes[0].id", None, Some(json!("S12")), "c"),
        // 4: by position again: the first scheme is S12.
        (Set, "schemes[0].forecast", None, Some(json!("2.00")), "d"),
        // 5: S01's forecast, by id.
        (
            Set,
            "schemes[id=S01].forecast",
            None,
            Some(json!("3.00")),
            "e",
        ),
    ];
    let changes = recorded(&rows);
    let readings = read_changes(&plan(), &changes);
    assert_eq!(
        readings[3].renamed,
        Some(Rename {
            kind: SubjectKind::Scheme,
            from: "S02".into(),
            to: "S12".into()
        })
    );
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
    let rows: Vec<Row> = vec![(
        EditKind::Set,
        "schemes[9].forecast",
        None,
        Some(json!("1.00")),
        "a",
    )];
    let readings = read_changes(&plan(), &recorded(&rows));
    assert!(
        readings[0].text.contains("no longer fits"),
        "{}",
        readings[0].text
    );
    assert!(readings[0].subjects.is_empty());
}

#[test]
fn fields_and_values_read_in_plain_english() {
    use EditKind::{Remove, Set};
    let rows: Vec<Row> = vec![
        (
            Set,
            "schemes[id=S01].type",
            Some(json!("bed_based_intermediate_care")),
            Some(json!("home_care")),
            "a",
        ),
        (
            Set,
            "schemes[id=S01].commissioner",
            Some(json!("council")),
            Some(json!({"joint": {"council": "60", "ccg": "40"}})),
            "b",
        ),
        (
            Set,
            "schemes[id=S01].commissioner.joint.ccg",
            Some(json!("40")),
            Some(json!("45.5")),
            "c",
        ),
        (
            Set,
            "risk_share.groups[id=pool].caps",
            None,
            Some(json!({"ccg": "250000.00"})),
            "d",
        ),
        (
            Set,
            "risk_share.groups[id=pool].cap_at_contribution",
            None,
            Some(json!(true)),
            "e",
        ),
        (
            Set,
            "requirements",
            None,
            Some(json!({"nhs_min_social_care": "1.00"})),
            "f",
        ),
        (
            Set,
            "requirements.nhs_min_social_care",
            Some(json!("1.00")),
            Some(json!("2000000.00")),
            "g",
        ),
        (
            Set,
            "schemes[id=S02].id",
            Some(json!("S02")),
            Some(json!("S12")),
            "h",
        ),
        (
            Remove,
            "schemes[id=S12].forecast",
            Some(json!("5602734.00")),
            None,
            "i",
        ),
        (
            Set,
            "name",
            Some(json!("Old")),
            Some(json!("New name")),
            "j",
        ),
    ];
    let readings = read_changes(&plan(), &recorded(&rows));
    let texts: Vec<&str> = readings.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
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
    assert_eq!(
        readings[7].renamed,
        Some(Rename {
            kind: SubjectKind::Scheme,
            from: "S02".into(),
            to: "S12".into()
        })
    );
}
