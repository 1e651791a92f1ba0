//! The `pooled` command as a user runs it: output, messages and exit codes (spec §5).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pooled(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pooled"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("pooled runs")
}

fn example(name: &str) -> String {
    format!("fixtures/examples/{name}.plan.json")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn evaluate_writes_the_outcome_and_exits_zero() {
    let out = pooled(&["evaluate", &example("fixed-50-50")]);
    assert_eq!(out.status.code(), Some(0));
    let outcome: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(outcome["partners"][1]["final_cost"], "14420468.00");
    assert_eq!(outcome["settlement"][0]["amount"], "300000.00");
}

#[test]
fn evaluate_names_every_error_and_exits_two() {
    let out = pooled(&["evaluate", &example("invalid-several-errors")]);
    assert_eq!(out.status.code(), Some(2));
    let written: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        written.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["format", "findings"]
    );
    let mut codes: Vec<&str> = written["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "E-AMOUNT",
            "E-JOINT-SPLIT",
            "E-OVERFUNDED",
            "E-RULE",
            "E-UNKNOWN-REF",
            "E-YEAR"
        ]
    );
}

#[test]
fn check_lists_findings_for_a_person() {
    let out = pooled(&["check", &example("invalid-several-errors")]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("error E-UNKNOWN-REF at schemes[1].funding[0].stream: Scheme 'Unknown stream' is funded from stream 'nope', which does not exist."), "{text}");
    assert!(
        text.ends_with("The plan has 6 errors and was not evaluated.\n"),
        "{text}"
    );

    let out = pooled(&["check", &example("contracts-and-breach")]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first_line = text.lines().next().unwrap();
    assert!(
        first_line.starts_with("breach B-SOCIAL-CARE"),
        "breaches come before warnings: {text}"
    );
    assert!(
        text.contains("£3,100,000.00") && text.contains("£150,000.00 short"),
        "{text}"
    );
    assert!(text.ends_with("1 breach, 4 warnings.\n"), "{text}");
}

#[test]
fn anything_else_exits_one_with_a_message() {
    let out = pooled(&["evaluate", "no/such/plan.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot read the plan file 'no/such/plan.json'")
    );
    assert_eq!(pooled(&["evaluate"]).status.code(), Some(1));
    assert_eq!(pooled(&["frobnicate"]).status.code(), Some(1));
}

#[test]
fn unreadable_json_is_a_plan_error() {
    let dir = std::env::temp_dir().join(format!("pooled-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join("broken.json");
    std::fs::write(&file, "{\"format\": \"pooled-plan/1\", \"name\": ").unwrap();
    let out = pooled(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).starts_with("error E-FORMAT"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_explains_each_command_with_an_example() {
    let out = pooled(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("pooled evaluate fixtures/demo/northbrook-2025-26.plan.json"),
        "{text}"
    );
    for command in ["evaluate", "check"] {
        let out = pooled(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            stdout(&out).contains(&format!("Example:\n  pooled {command} plan.json")),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn the_demo_plan_is_valid_and_evaluates() {
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/demo/northbrook-2025-26.plan.json")
            .exists()
    );
    let out = pooled(&["evaluate", "fixtures/demo/northbrook-2025-26.plan.json"]);
    assert_eq!(out.status.code(), Some(0));
    let outcome: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(outcome["partners"].as_array().unwrap().len(), 3);
    let schemes = outcome["schemes"].as_array().unwrap().len();
    assert!((30..=60).contains(&schemes), "{schemes} schemes");
    assert!(!outcome["contracts"].as_array().unwrap().is_empty());
}
