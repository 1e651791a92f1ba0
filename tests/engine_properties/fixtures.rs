//! The worked example and demo plans under `fixtures/`, read once.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

/// The worked example and demo plans, read once.
pub(crate) fn examples() -> &'static [(String, String)] {
    static EXAMPLES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut found = Vec::new();
        for dir in ["examples", "demo"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("fixtures exist") {
                let path = entry.expect("readable directory").path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".plan.json") {
                    let text = std::fs::read_to_string(&path).expect("readable example");
                    found.push((name, text));
                }
            }
        }
        found.sort();
        assert!(found.len() >= 6, "the worked examples are present");
        found
    })
}

pub(crate) fn example_values() -> &'static [Value] {
    static VALUES: OnceLock<Vec<Value>> = OnceLock::new();
    VALUES.get_or_init(|| {
        examples()
            .iter()
            .map(|(name, text)| {
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is JSON: {e}"))
            })
            .collect()
    })
}
