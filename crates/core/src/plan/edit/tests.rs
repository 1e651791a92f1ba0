use serde_json::json;

use super::*;

fn demo() -> PlanDocument {
    let text = std::fs::read_to_string(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/fixtures/examples/fixed-50-50.plan.json"
    ))
    .unwrap();
    read_plan(&text).unwrap()
}

fn edit(kind: EditKind, path: &str, value: Option<&str>) -> Edit {
    Edit::new(kind, PlanPath::parse(path).unwrap(), value.map(exact_value))
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
    assert_eq!(edited.applied.before, Some(json!("4980000.00")));
    assert_eq!(edited.applied.after, Some(json!("5000000.01")));
    // Recorded by the scheme's id, with its position beside it.
    assert_eq!(edited.applied.path.to_string(), "schemes[id=S01].forecast");
    assert_eq!(edited.applied.position, Some(0));
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
    assert_eq!(added.applied.before, None);
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
        back.applied.before,
        Some(json!({"stream": "dfg", "amount": "0.00"}))
    );
    assert_eq!(
        edited.applied.path.to_string(),
        "schemes[id=S01].funding[stream=dfg]"
    );
    assert_eq!(edited.applied.position, Some(2));
}

#[test]
fn items_named_by_id_are_found_wherever_they_stand() {
    let doc = demo();
    let by_position = apply(
        &doc,
        &edit(EditKind::Set, "schemes[1].forecast", Some("1.00")),
    )
    .unwrap()
    .document;
    let id = doc.schemes[1].id.clone();
    let path = format!("schemes[id={id}].forecast");
    let by_id = apply(&doc, &edit(EditKind::Set, &path, Some("1.00"))).unwrap();
    assert_eq!(by_id.document, by_position);
    assert_eq!(by_id.applied.path.to_string(), path);
    // After a scheme is inserted in front of it, the same path still finds the same scheme.
    let mut new_scheme = serde_json::to_value(&doc.schemes[0]).unwrap();
    new_scheme["id"] = json!("NEW");
    let moved = apply(
        &doc,
        &Edit::new(
            EditKind::Insert,
            PlanPath::parse("schemes[0]").unwrap(),
            Some(new_scheme.clone()),
        ),
    )
    .unwrap();
    assert_eq!(moved.applied.path.to_string(), "schemes[id=NEW]");
    assert_eq!(moved.applied.position, Some(0));
    let again = apply(&moved.document, &edit(EditKind::Set, &path, Some("1.00"))).unwrap();
    assert_eq!(
        again.document.schemes[2]
            .forecast
            .as_ref()
            .unwrap()
            .as_str(),
        "1.00"
    );
    assert_eq!(again.applied.position, Some(2));
    // An insert by id goes at the position given, else at the end; never twice.
    let mut replay = Edit::new(
        EditKind::Insert,
        PlanPath::parse("schemes[id=NEW]").unwrap(),
        Some(new_scheme.clone()),
    );
    replay.position = Some(0);
    assert_eq!(apply(&doc, &replay).unwrap().document, moved.document);
    replay.position = None;
    let appended = apply(&doc, &replay).unwrap();
    assert_eq!(appended.document.schemes.last().unwrap().id, "NEW");
    assert!(matches!(
        apply(&moved.document, &replay),
        Err(EditError::AlreadyThere(_))
    ));
    let wrong = Edit::new(
        EditKind::Insert,
        PlanPath::parse("schemes[id=OTHER]").unwrap(),
        Some(new_scheme),
    );
    assert!(
        apply(&doc, &wrong)
            .unwrap_err()
            .to_string()
            .contains("must have id")
    );
    assert!(matches!(
        apply(&doc, &edit(EditKind::Set, "schemes[id=NONE].forecast", Some("1"))),
        Err(EditError::NoSuchPlace(at)) if at == "schemes[id=NONE]"
    ));
}

#[test]
fn edits_that_break_the_document_change_nothing() {
    let original = demo();
    let cases = [
        (
            edit(EditKind::Set, "schemes[9].forecast", Some("1")),
            "nothing at schemes[9]",
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
