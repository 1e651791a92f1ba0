use serde_json::{Value, json};

use super::*;
use crate::plan::edit::Edit;

fn plan() -> Value {
    json!({
        "format": "pooled-plan/1",
        "name": "Test",
        "financial_year": "2025-26",
        "partners": [
            {"id": "council", "name": "Northbrook Council", "kind": "council"},
            {"id": "icb", "name": "Dales ICB", "kind": "icb"}
        ],
        "host": "council",
        "streams": [
            {"id": "nhs", "name": "NHS minimum", "kind": "nhs_minimum", "partner": "icb", "amount": "1000.00"},
            {"id": "ibcf", "name": "iBCF", "kind": "ibcf", "partner": "council", "amount": "1000.00"}
        ],
        "schemes": [
            {"id": "S01", "name": "Carers", "type": "carers_services", "area_of_spend": "social_care",
             "commissioner": "council", "provider": "local_authority",
             "funding": [{"stream": "nhs", "amount": "100.00"}]},
            {"id": "S02", "name": "Reablement beds", "type": "bed_based_intermediate_care",
             "area_of_spend": "social_care", "commissioner": "council", "provider": "private_sector",
             "funding": [{"stream": "nhs", "amount": "200.00"}, {"stream": "ibcf", "amount": "50.00"}],
             "forecast": "5602734.00"}
        ],
        "risk_share": {"groups": [{"id": "main", "name": "Pooled", "overspend": {"method": "pro_rata_contributions"},
            "underspend": {"method": "pro_rata_contributions"}, "caps": {"icb": "250000.00"}}]}
    })
}

fn change<'a>(
    op: EditKind,
    path: &'a str,
    before: Option<&'a Value>,
    after: Option<&'a Value>,
    action: &'a str,
) -> RecordedChange<'a> {
    RecordedChange {
        op,
        path,
        position: None,
        before,
        after,
        reason: None,
        action,
    }
}

#[test]
fn changes_read_like_a_finance_officer_writes_them() {
    let (before, after) = (json!("5602734.00"), json!("100.00"));
    let mut forecast = change(
        EditKind::Set,
        "schemes[1].forecast",
        Some(&before),
        Some(&after),
        "t1",
    );
    forecast.reason = Some("M6 return");
    let line = json!({"stream": "ibcf", "amount": "25000.00"});
    let cap = (json!("250000.00"), json!("300000.00"));
    let kind = (json!("council"), json!("icb"));
    let readings = read_changes(
        &plan(),
        &[
            forecast,
            change(
                EditKind::Insert,
                "schemes[0].funding[1]",
                None,
                Some(&line),
                "t2",
            ),
            change(
                EditKind::Set,
                "risk_share.groups[0].caps.icb",
                Some(&cap.0),
                Some(&cap.1),
                "t3",
            ),
            change(
                EditKind::Set,
                "schemes[id=S01].commissioner",
                Some(&kind.0),
                Some(&kind.1),
                "t4",
            ),
            change(
                EditKind::Remove,
                "schemes[0]",
                Some(&Value::Null),
                None,
                "t5",
            ),
        ],
    );
    let texts: Vec<&str> = readings.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Reablement beds (S02): forecast £5,602,734.00 → £100.00, because M6 return",
            "Carers (S01): added funding from iBCF (ibcf), £25,000.00",
            "Pooled (main): cap for Dales ICB £250,000.00 → £300,000.00",
            "Carers (S01): commissioner Northbrook Council (council) → Dales ICB (icb)",
            "Removed scheme Carers (S01)",
        ]
    );
    assert_eq!(readings[0].path, "schemes[id=S02].forecast");
    assert_eq!(readings[0].position, Some(1));
    assert_eq!(
        readings[1].path, "schemes[id=S01].funding[stream=ibcf]",
        "a new funding line is named by its stream"
    );
    assert_eq!(
        readings[2].subjects,
        [
            Subject::new(SubjectKind::Group, "main"),
            Subject::new(SubjectKind::Partner, "icb")
        ]
    );
}

#[test]
fn history_follows_an_item_across_renames_and_moves() {
    let values: Vec<Value> = ["1.00", "S12", "2.00", "S12", "3.00"]
        .iter()
        .map(|v| json!(v))
        .collect();
    let scheme0 = plan()["schemes"][0].clone();
    let changes = [
        // 0: S02's forecast, by position.
        change(
            EditKind::Set,
            "schemes[1].forecast",
            None,
            Some(&values[0]),
            "a",
        ),
        // 1, 2: S01 moved to the end (removed and put back, one action).
        change(EditKind::Remove, "schemes[0]", Some(&scheme0), None, "b"),
        change(EditKind::Insert, "schemes[1]", None, Some(&scheme0), "b"),
        // 3: S02 (now first) renamed S12.
        change(EditKind::Set, "schemes[0].id", None, Some(&values[1]), "c"),
        // 4: by position again: the first scheme is S12.
        change(
            EditKind::Set,
            "schemes[0].forecast",
            None,
            Some(&values[2]),
            "d",
        ),
        // 5: S01's forecast, by id.
        change(
            EditKind::Set,
            "schemes[id=S01].forecast",
            None,
            Some(&values[4]),
            "e",
        ),
    ];
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
    let streams = changes_to(&readings, &Subject::new(SubjectKind::Stream, "ibcf"));
    assert!(streams.is_empty());
    let current = {
        let mut tree = plan();
        for c in &changes {
            let edit = Edit {
                kind: c.op,
                path: PlanPath::parse(c.path).unwrap(),
                value: c.after.cloned(),
                position: c.position,
            };
            apply_to_tree(&mut tree, &edit).unwrap();
        }
        tree
    };
    let subjects = subjects_in(&current, &readings);
    let gone: Vec<_> = subjects.iter().filter(|s| !s.present).collect();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].subject, Subject::new(SubjectKind::Scheme, "S02"));
    assert_eq!(gone[0].name, "Reablement beds");
}

#[test]
fn a_change_that_no_longer_fits_is_read_as_recorded() {
    let after = json!("1.00");
    let readings = read_changes(
        &plan(),
        &[change(
            EditKind::Set,
            "schemes[9].forecast",
            None,
            Some(&after),
            "a",
        )],
    );
    assert!(
        readings[0].text.contains("no longer fits"),
        "{}",
        readings[0].text
    );
    assert!(readings[0].subjects.is_empty());
}
