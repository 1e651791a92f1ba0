//! Every worked example in `fixtures/examples` (copied from the shared spec examples) must give
//! its expected outcome exactly: every figure to the penny, findings by severity, code and path.

use std::path::{Path, PathBuf};

use pooled_core::assess_bytes;
use serde_json::Value;

fn examples() -> Vec<(String, PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/examples exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".plan.json")?.to_owned();
            Some((
                stem.clone(),
                dir.join(&name),
                dir.join(format!("{stem}.outcome.json")),
            ))
        })
        .collect();
    found.sort();
    found
}

/// Findings carry no order and their messages are for people: compare severity, code and path.
fn finding_keys(outcome: &mut Value) -> Vec<(String, String, String)> {
    let findings = outcome
        .as_object_mut()
        .unwrap()
        .remove("findings")
        .expect("findings present");
    let mut keys: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_worked_example_agrees_to_the_penny() {
    let all = examples();
    assert_eq!(
        all.len(),
        6,
        "expected the six worked examples, found {all:?}"
    );
    for (name, plan, expected) in all {
        let assessment = assess_bytes(&std::fs::read(&plan).unwrap());
        let mut actual: Value = serde_json::from_str(&assessment.to_json()).unwrap();
        let mut expected: Value =
            serde_json::from_slice(&std::fs::read(&expected).unwrap()).unwrap();
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
    for (name, plan, _) in examples() {
        let bytes = std::fs::read(&plan).unwrap();
        assert_eq!(
            assess_bytes(&bytes).to_json(),
            assess_bytes(&bytes).to_json(),
            "{name}"
        );
    }
}
