//! Every worked example in `fixtures/examples` (copied from the shared spec examples) must give
//! its expected outcome exactly: every figure to the penny, findings by severity, code and path.

use pooled_core::assess_bytes;
use pooled_testkit::fixtures::{example, expected_outcome, worked_examples};
use pooled_testkit::plans::sorted_fields;
use serde_json::Value;

/// Findings carry no order and their messages are for people: compare severity, code and path.
fn finding_keys(outcome: &mut Value) -> Vec<Vec<String>> {
    let findings = outcome
        .as_object_mut()
        .unwrap()
        .remove("findings")
        .expect("findings present");
    sorted_fields(&findings, &["severity", "code", "path"])
}

#[test]
fn every_worked_example_agrees_to_the_penny() {
    let all = worked_examples();
    assert_eq!(
        all.len(),
        10,
        "expected the ten worked examples, found {all:?}"
    );
    for name in all {
        let assessment = assess_bytes(&example(&name));
        let mut actual: Value = serde_json::from_str(&assessment.to_json()).unwrap();
        let mut expected = expected_outcome(&name);
        assert_eq!(
            finding_keys(&mut actual),
            finding_keys(&mut expected),
            "findings of {name}"
        );
        assert_eq!(actual, expected, "outcome of {name}");
    }
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    for name in worked_examples() {
        let bytes = example(&name);
        assert_eq!(
            assess_bytes(&bytes).to_json(),
            assess_bytes(&bytes).to_json(),
            "{name}"
        );
    }
}
