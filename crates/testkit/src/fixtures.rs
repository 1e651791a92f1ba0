//! The plans under `fixtures/` at the repository root: the worked examples (copied from the
//! shared spec examples, each with its expected outcome) and the Northbrook demo plan.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pooled_core::money::Money;
use serde_json::Value;

/// The worked examples that evaluate (a sixth, [`INVALID_EXAMPLE`], has errors on purpose).
pub const EXAMPLES: [&str; 5] = [
    "fixed-50-50",
    "tiered-bands-caps",
    "two-hosts-reserve-caps",
    "own-risk-per-scheme",
    "contracts-and-breach",
];

/// The worked example with six errors, one of each kind.
pub const INVALID_EXAMPLE: &str = "invalid-several-errors";

/// The demo plan, relative to the repository root (where the command line is run from).
pub const DEMO_FILE: &str = "fixtures/demo/northbrook-2025-26.plan.json";

/// The repository root, where `fixtures/` is.
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        root.canonicalize().unwrap_or(root)
    })
}

/// The bytes of a file under `fixtures/`.
pub fn fixture(relative: &str) -> Vec<u8> {
    let path = root().join("fixtures").join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A worked example's plan file, relative to the repository root: for the command line.
pub fn example_file(name: &str) -> String {
    format!("fixtures/examples/{name}.plan.json")
}

/// A worked example's plan, as bytes.
pub fn example(name: &str) -> Vec<u8> {
    fixture(&format!("examples/{name}.plan.json"))
}

/// A worked example's plan, as JSON to change.
pub fn example_value(name: &str) -> Value {
    serde_json::from_slice(&example(name)).expect("a worked example is JSON")
}

/// The expected outcome of a worked example, as shipped beside it.
pub fn expected_outcome(name: &str) -> Value {
    serde_json::from_slice(&fixture(&format!("examples/{name}.outcome.json")))
        .expect("an expected outcome is JSON")
}

/// The demo plan, as bytes.
pub fn demo_plan() -> Vec<u8> {
    fixture("demo/northbrook-2025-26.plan.json")
}

/// The names of every worked example in `fixtures/examples` (each a plan with its outcome),
/// sorted.
pub fn worked_examples() -> Vec<String> {
    let dir = root().join("fixtures/examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/examples exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".plan.json")?.to_owned())
        })
        .collect();
    names.sort();
    names
}

/// Every plan file under `fixtures/` (the worked examples, then the demo), by file name with
/// its text, read once.
pub fn plan_files() -> &'static [(String, String)] {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut found = Vec::new();
        for dir in ["examples", "demo"] {
            let dir = root().join("fixtures").join(dir);
            for entry in std::fs::read_dir(&dir).expect("the fixtures exist") {
                let path = entry.expect("a readable folder").path();
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if name.ends_with(".plan.json") {
                    let text = std::fs::read_to_string(&path).expect("a readable plan");
                    found.push((name.into_owned(), text));
                }
            }
        }
        found.sort();
        assert!(found.len() >= 6, "the worked examples are present");
        found
    })
}

/// [`plan_files`] read as JSON, read once.
pub fn plan_values() -> &'static [Value] {
    static VALUES: OnceLock<Vec<Value>> = OnceLock::new();
    VALUES.get_or_init(|| {
        plan_files()
            .iter()
            .map(|(name, text)| {
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is JSON: {e}"))
            })
            .collect()
    })
}

/// The demo plan grown to `count` schemes: its schemes repeated with new ids (`S01-1`, …), and
/// every stream scaled up exactly, by the number of copies, so the funding stays within it.
pub fn demo_grown(count: usize) -> Value {
    let mut plan: Value = serde_json::from_slice(&demo_plan()).expect("the demo plan is JSON");
    let originals = plan["schemes"].as_array().expect("schemes").clone();
    let copies = i64::try_from(count.div_ceil(originals.len())).expect("a count that fits");
    for stream in plan["streams"].as_array_mut().expect("streams") {
        let amount = Money::parse(stream["amount"].as_str().unwrap_or("0")).expect("an amount");
        stream["amount"] = Value::String(Money::from_pence(amount.pence() * copies).to_plain());
    }
    let schemes = (0..count)
        .map(|i| {
            let mut scheme = originals[i % originals.len()].clone();
            let copy = i / originals.len();
            if copy > 0 {
                let id = format!("{}-{copy}", scheme["id"].as_str().unwrap_or("S"));
                scheme["id"] = Value::String(id);
            }
            scheme
        })
        .collect();
    plan["schemes"] = Value::Array(schemes);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grown_demo_plan_has_unique_ids_and_evaluates() {
        let plan = demo_grown(130);
        let ids: std::collections::HashSet<&str> = plan["schemes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 130);
        let outcome = crate::plans::evaluate_json(&plan);
        assert_eq!(outcome.schemes.len(), 130);
    }

    #[test]
    fn every_worked_example_has_its_outcome() {
        let names = worked_examples();
        assert!(names.contains(&INVALID_EXAMPLE.to_owned()));
        for name in EXAMPLES {
            assert!(names.contains(&name.to_owned()), "{name}");
        }
        for name in &names {
            assert_eq!(expected_outcome(name)["format"], "pooled-outcome/1");
        }
    }
}
