//! The `pooled` command as a user runs it: output, messages and exit codes (spec §5).

use pooled_testkit::TempDir;
use pooled_testkit::cli::Pooled;
use pooled_testkit::fixtures::{DEMO_FILE, INVALID_EXAMPLE, example_file};

fn pooled() -> Pooled {
    pooled_testkit::pooled!()
}

/// The outcome document `pooled evaluate` writes for a plan that evaluates.
fn evaluated(plan: &str) -> serde_json::Value {
    serde_json::from_str(&pooled().ok(&["evaluate", plan])).unwrap()
}

#[test]
fn evaluate_writes_the_outcome_and_exits_zero() {
    let outcome = evaluated(&example_file("fixed-50-50"));
    assert_eq!(outcome["partners"][1]["final_cost"], "14420468.00");
    assert_eq!(outcome["settlement"][0]["amount"], "300000.00");
}

#[test]
fn evaluate_names_every_error_and_exits_two() {
    let out = pooled().expect(2, &["evaluate", &example_file(INVALID_EXAMPLE)]);
    let written: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
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
fn check_lists_findings_for_a_person_then_the_risk_share_in_words() {
    let text = pooled()
        .expect(2, &["check", &example_file(INVALID_EXAMPLE)])
        .stdout;
    assert!(text.contains("error E-UNKNOWN-REF at schemes[1].funding[0].stream: Scheme 'Unknown stream' is funded from stream 'nope', which does not exist."), "{text}");
    assert!(
        text.ends_with("The plan has 6 errors and was not evaluated.\n"),
        "a plan with errors has no rules to read out: {text}"
    );

    let text = pooled().ok(&["check", &example_file("contracts-and-breach")]);
    let first_line = text.lines().next().unwrap();
    assert!(
        first_line.starts_with("breach B-SOCIAL-CARE"),
        "breaches come before warnings: {text}"
    );
    assert!(
        text.contains("£3,100,000.00") && text.contains("£150,000.00 short"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "The plan is valid and was evaluated: 1 breach, 4 warnings.\n\
             \n\
             Risk share:\n  \
             Pooled fund (pool): Overspends are shared in proportion to what each partner \
             contributes to the schemes. Underspends are returned in proportion to what each \
             partner contributes to the schemes.\n"
        ),
        "{text}"
    );

    // Every group, each with its bands, caps and what happens to what a cap cuts off.
    let text = pooled().ok(&["check", &example_file("tiered-bands-caps")]);
    let rules: Vec<&str> = text
        .split_once("\nRisk share:\n")
        .unwrap_or_else(|| panic!("no risk share section: {text}"))
        .1
        .lines()
        .collect();
    assert_eq!(rules.len(), 2, "{text}");
    assert!(
        rules[0].starts_with(
            "  Shared risk pool (shared): Overspends up to £250,000.00 fall to the host \
             (Example County Council); from £250,000.00 to £1,000,000.00 they are shared in fixed \
             shares (Example County Council 1, Example ICB 1); above £1,000,000.00"
        ),
        "{text}"
    );
    assert!(
        rules[0].contains("Example County Council pays at most £800,000.00 towards an overspend."),
        "{text}"
    );
    assert_eq!(
        rules[1],
        "  Discharge funds (discharge): Overspends are shared in proportion to what each partner \
         commissions. Underspends are returned in proportion to what each partner commissions."
    );
}

#[test]
fn anything_else_exits_one_with_a_message() {
    let out = pooled().expect(1, &["evaluate", "no/such/plan.json"]);
    out.complains("cannot read the plan file 'no/such/plan.json'");
    assert!(out.stderr.starts_with("pooled: "), "{}", out.stderr);
    pooled().expect(1, &["evaluate"]);
    pooled().expect(1, &["frobnicate"]);
}

#[test]
fn unreadable_json_is_a_plan_error() {
    let dir = TempDir::new("cli");
    let file = dir.path("broken.json");
    std::fs::write(&file, "{\"format\": \"pooled-plan/1\", \"name\": ").unwrap();
    let out = pooled().expect(2, &["check", file.to_str().unwrap()]);
    assert!(out.stdout.starts_with("error E-FORMAT"), "{}", out.stdout);
}

#[test]
fn help_explains_each_command_with_an_example() {
    let text = pooled().ok(&["--help"]);
    assert!(
        text.contains("pooled evaluate fixtures/demo/northbrook-2025-26.plan.json"),
        "{text}"
    );
    for command in ["evaluate", "check"] {
        let text = pooled().ok(&[command, "--help"]);
        assert!(
            text.contains(&format!("Example:\n  pooled {command} plan.json")),
            "{text}"
        );
    }
}

#[test]
fn the_demo_plan_is_valid_and_evaluates() {
    let outcome = evaluated(DEMO_FILE);
    assert_eq!(outcome["partners"].as_array().unwrap().len(), 3);
    let schemes = outcome["schemes"].as_array().unwrap().len();
    assert!((30..=60).contains(&schemes), "{schemes} schemes");
    assert!(!outcome["contracts"].as_array().unwrap().is_empty());
}
