use serde_json::json;

use super::*;

fn demo() -> PlanDocument {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/examples/fixed-50-50.plan.json"
    ))
    .unwrap();
    read_plan(&text).unwrap()
}

fn edit(kind: EditKind, path: &str, value: Option<&str>) -> Edit {
    Edit {
        kind,
        path: JsonPath::parse(path).unwrap(),
        value: value.map(exact_value),
    }
}

#[test]
fn paths_read_and_write_back() {
    let path = JsonPath::parse("schemes[2].funding[0].amount").unwrap();
    assert_eq!(path.0[1], Step::Index(2));
    assert_eq!(path.to_string(), "schemes[2].funding[0].amount");
    assert_eq!(
        JsonPath::parse("risk_share.groups[0].caps.icb-north")
            .unwrap()
            .0
            .len(),
        5
    );
    for bad in [
        "", ".", "a..b", "a[", "a[x]", "a[1]b", "[0]", "a.[0]", "a[-1]",
    ] {
        assert!(JsonPath::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn typed_values_keep_numbers_exact() {
    assert_eq!(exact_value("1250000.50"), json!("1250000.50"));
    assert_eq!(exact_value("0.1"), json!("0.1"));
    assert_eq!(exact_value("4"), json!(4));
    assert_eq!(
        exact_value("12345678901234567890"),
        json!("12345678901234567890")
    );
    assert_eq!(
        exact_value(r#"{"joint": {"la": 60.5, "icb": "39.5"}}"#),
        json!({"joint": {"la": "60.5", "icb": "39.5"}})
    );
    assert_eq!(exact_value("Home care"), json!("Home care"));
    assert_eq!(exact_value(r#""icb""#), json!("icb"));
    assert_eq!(exact_value("true"), json!(true));
}

#[test]
fn set_replaces_a_value_and_records_both_sides() {
    let edited = apply(
        &demo(),
        &edit(EditKind::Set, "schemes[0].forecast", Some("5000000.01")),
    )
    .unwrap();
    assert_eq!(edited.before, Some(json!("4980000.00")));
    assert_eq!(edited.after, Some(json!("5000000.01")));
    assert_eq!(
        edited.document.schemes[0]
            .forecast
            .as_ref()
            .unwrap()
            .as_str(),
        "5000000.01"
    );
    // A field left out can be added, and then removed again.
    let added = apply(
        &demo(),
        &edit(EditKind::Set, "schemes[4].forecast", Some("1.00")),
    )
    .unwrap();
    assert_eq!(added.before, None);
    let removed = apply(
        &added.document,
        &edit(EditKind::Remove, "schemes[4].forecast", None),
    )
    .unwrap();
    assert_eq!(removed.document, demo());
}

#[test]
fn insert_and_remove_list_items() {
    let line = r#"{"stream": "dfg", "amount": "0.00"}"#;
    let edited = apply(
        &demo(),
        &edit(EditKind::Insert, "schemes[0].funding[2]", Some(line)),
    )
    .unwrap();
    assert_eq!(edited.document.schemes[0].funding.len(), 3);
    let back = apply(
        &edited.document,
        &edit(EditKind::Remove, "schemes[0].funding[2]", None),
    )
    .unwrap();
    assert_eq!(back.document, demo());
    assert_eq!(
        back.before,
        Some(json!({"stream": "dfg", "amount": "0.00"}))
    );
}

#[test]
fn edits_that_break_the_document_change_nothing() {
    let original = demo();
    let cases = [
        (
            edit(EditKind::Set, "schemes[9].forecast", Some("1")),
            "nothing at schemes[9].forecast",
        ),
        (
            edit(EditKind::Set, "schemes[0].colour", Some("blue")),
            "unknown field `colour`",
        ),
        (
            edit(EditKind::Set, "schemes[0].type", Some("spa_days")),
            "unknown variant `spa_days`",
        ),
        (
            edit(EditKind::Remove, "schemes[0].name", None),
            "missing field `name`",
        ),
        (
            edit(EditKind::Insert, "schemes[0].funding[5]", Some("{}")),
            "nothing at schemes[0].funding[5]",
        ),
        (
            edit(EditKind::Set, "schemes[0].forecast", None),
            "a value is needed",
        ),
    ];
    for (e, expected) in cases {
        let error = apply(&original, &e).unwrap_err().to_string();
        assert!(error.contains(expected), "{}: {error}", e.path);
    }
    assert_eq!(original, demo());
}
