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
             partner contributes to the schemes.\n    \
             Unit pool: Pooled fund overspent by £0.01, which was shared in proportion to \
             contributions: Example ICB £0.01; others nothing.\n"
        ),
        "{text}"
    );

    // Every group, each with its bands, caps and what happens to what a cap cuts off.
    let text = pooled().ok(&["check", &example_file("tiered-bands-caps")]);
    // Each group's line, then its units' steps indented beneath it.
    let rules: Vec<&str> = text
        .split_once("\nRisk share:\n")
        .unwrap_or_else(|| panic!("no risk share section: {text}"))
        .1
        .lines()
        .filter(|line| !line.starts_with("    "))
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

/// The steps `pooled check` prints for one unit, after "    Unit ID: ".
fn unit_steps(text: &str, id: &str) -> String {
    let prefix = format!("    Unit {id}: ");
    text.lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no steps for unit {id}: {text}"))
        .to_owned()
}

#[test]
fn check_reads_each_units_steps_with_the_figures() {
    // Netting, a reserve drawn, a cap, and an underspend carried forward into a reserve.
    let text = pooled().ok(&["check", &example_file("reserve-and-offsets")]);
    assert_eq!(
        unit_steps(&text, "council-pool"),
        "Council-hosted pool overspent by £855,555.55. £429,507.08 of it was covered by \
         underspends in ICB-hosted pool, each scheme on its own (netted against other pools), \
         leaving £426,048.47. The reserve of £250,000.00 brought forward met £250,000.00 of \
         that, leaving £176,048.47 to share, which was shared in proportion to contributions: \
         Example ICB £118,894.51, Example Borough Council £57,153.96. Caps: Example Borough \
         Council's share of £57,153.96 was cut back to its cap of £50,000.00; the £7,153.96 cut \
         off was passed to Example ICB in proportion to contributions. Final shares: Example \
         ICB £126,048.47, Example Borough Council £50,000.00. The reserve closes at £0.00."
    );
    assert!(
        unit_steps(&text, "icb-pool/C1").contains(
            "£60,242.55 of it was covered by underspends in other schemes of its group \
             (netted against other pools), leaving £59,757.45 to share"
        ),
        "{text}"
    );
    assert!(
        unit_steps(&text, "icb-pool/C2").ends_with(
            "£489,749.63 of it went to cover overspends in Council-hosted pool and other \
             schemes of its group (netted against other pools), leaving nothing to share."
        ),
        "{text}"
    );
    assert!(
        unit_steps(&text, "discharge").ends_with(
            "£126,543.22 was carried forward into the reserve, which closes at £166,543.22, \
             having opened at £40,000.00."
        ),
        "{text}"
    );
    // The steps come after the group's own reading.
    let group = text.find("  Council-hosted pool (council-pool): ").unwrap();
    assert!(group < text.find("    Unit council-pool: ").unwrap());

    // An aligned budget moves no money; the pooled budget beside it does.
    let text = pooled().ok(&["check", &example_file("aligned-no-settlement")]);
    assert_eq!(
        unit_steps(&text, "aligned/TF-1"),
        "Scheme TF-1 (Integrated neighbourhood teams) underspent by £41,999.99, which was \
         shared in proportion to what each partner commissions: Example Borough Council \
         £21,000.00, NHS Example CCG £20,999.99; others nothing. This is an aligned budget: no \
         money moves; each partner bears its share where it spent."
    );
    assert!(!unit_steps(&text, "pooled").contains("aligned"), "{text}");

    // An agreed split is the board's recorded decision, its difference said; stated amounts
    // weight a band.
    let text = pooled().ok(&["check", &example_file("agreed-and-amounts")]);
    assert_eq!(
        unit_steps(&text, "discharge"),
        "Discharge funds underspent by £262,345.67, which was shared as the partnership board \
         decided and recorded: Example Metropolitan Borough Council £100,000.00, Example ICB \
         (locality) £150,000.00; the agreed amounts add up to £12,345.67 less than the \
         underspend, which stays in the pool."
    );
    assert!(
        unit_steps(&text, "shared").contains(
            "the £934,567.89 above £300,000.00 in proportion to stated amounts (Example \
             Metropolitan Borough Council £95,312,000.00, Example ICB (locality) \
             £141,880,500.00), giving Example Metropolitan Borough Council £375,541.11, Example \
             ICB (locality) £559,026.78."
        ),
        "{text}"
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
