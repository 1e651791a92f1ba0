//! Every worked example's paper shows each partner's final cost and the settlement exactly as
//! the outcome has them, the sign-off block, and "Page i of N" on every page.

use pooled_core::money::Money;
use pooled_report::{ReportError, Units, from_plan_bytes};
use pooled_testkit::fixtures::{
    EXAMPLES, INVALID_EXAMPLE, example, example_value, expected_outcome,
};
use pooled_testkit::pdf::{flat, pages, pdftotext};
use pooled_testkit::plans::sorted_fields;
use serde_json::Value;

use crate::support::{date, paper};

fn uk(amount: &Value) -> String {
    Money::parse(amount.as_str().unwrap()).unwrap().to_uk()
}

#[test]
fn each_partners_final_cost_and_the_settlement_are_printed_exactly() {
    for name in EXAMPLES {
        let plan = example(name);
        let text = pdftotext(&paper(&plan, Units::Pounds));
        let flat = flat(&text);
        let outcome = expected_outcome(name);
        let plan: Value = serde_json::from_slice(&plan).unwrap();
        let names = sorted_fields(&plan["partners"], &["id", "name"]);
        let name_of = |id: &str| names.iter().find(|p| p[0] == id).unwrap()[1].clone();
        for partner in outcome["partners"].as_array().unwrap() {
            let cost = uk(&partner["final_cost"]);
            let id = partner["id"].as_str().unwrap();
            let line = text
                .lines()
                .find(|l| l.trim_start().starts_with(&name_of(id)) && l.contains(&cost));
            assert!(
                line.is_some(),
                "{name}: {} final cost {cost}\n{text}",
                name_of(id)
            );
        }
        let transfers = outcome["settlement"].as_array().unwrap();
        assert!(!transfers.is_empty(), "{name} settles something");
        for t in transfers {
            let sentence = format!(
                "{} pays {} {}.",
                name_of(t["from"].as_str().unwrap()),
                name_of(t["to"].as_str().unwrap()),
                uk(&t["amount"])
            );
            assert!(flat.contains(&sentence), "{name}: {sentence}");
        }
    }
}

#[test]
fn the_worked_figures_of_the_docs_appear_on_the_papers() {
    // docs/calculation.md §5: the figures a finance lead checks with a calculator.
    let cases: [(&str, &[&str]); 5] = [
        (
            "fixed-50-50",
            &[
                "£300,000.00",
                "£600,000.00",
                "£9,947,444.00",
                "£14,420,468.00",
            ],
        ),
        (
            "tiered-bands-caps",
            &[
                "£250,000.00",
                "£375,000.00",
                "£212,500.00",
                "£637,500.00",
                "£837,500.00",
                "£1,012,500.00",
                "(£37,500.00)",
                "£37,500.00",
                "£1,050,000.00",
                "(£83,333.33)",
                "(£166,666.66)",
                "33.333333%",
                "66.666667%",
            ],
        ),
        (
            "two-hosts-reserve-caps",
            &["£180,250.37", "£905,555.55", "£100,000.00"],
        ),
        (
            "own-risk-per-scheme",
            &[
                "£133,333.33",
                "£150,000.00",
                "£50,000.00",
                "£112,345.67",
                "40%",
                "45%",
                "15%",
            ],
        ),
        (
            "contracts-and-breach",
            &[
                "£0.01",
                "£3,333,333.33",
                "£2,191,358.03",
                "£2,191,358.02",
                "B-SOCIAL-CARE",
            ],
        ),
    ];
    for (name, figures) in cases {
        let text = pdftotext(&paper(&example(name), Units::Pounds));
        for figure in figures {
            assert!(text.contains(figure), "{name}: {figure} is on the paper");
        }
    }
}

#[test]
fn a_draft_has_blank_sign_off_lines_and_every_page_its_number() {
    for name in EXAMPLES {
        let text = pdftotext(&paper(&example(name), Units::Pounds));
        let pages = pages(&text);
        let count = pages.len();
        assert!(count >= 5, "{name}: {count} pages");
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {count}", i + 1)),
                "{name} page {}",
                i + 1
            );
            assert!(page.contains("DRAFT"), "{name}: status on page {}", i + 1);
            assert!(
                page.contains("Version "),
                "{name}: version on page {}",
                i + 1
            );
        }
        assert!(text.contains("7. Sign-off"));
        assert!(text.contains("Pooled fund manager"), "{name}");
        assert!(text.contains("chief finance officer"), "{name}");
        assert!(text.contains("Section 151 officer"), "{name}");
        assert!(text.matches("Signature").count() >= 3, "{name}");
    }
}

#[test]
fn the_rules_are_read_out_in_plain_english() {
    let text = flat(&pdftotext(&paper(
        &example("tiered-bands-caps"),
        Units::Pounds,
    )));
    assert!(text.contains(
        "Overspends up to £250,000.00 fall to the host (Example County Council); from \
         £250,000.00 to £1,000,000.00 they are shared in fixed shares"
    ));
    assert!(text.contains("Example County Council pays at most £800,000.00 towards an overspend."));
    assert!(text.contains("Round 1: Example County Council cut back to the cap"));
}

#[test]
fn a_plan_with_errors_gives_no_paper() {
    match from_plan_bytes(&example(INVALID_EXAMPLE), "x", date()) {
        Err(ReportError::InvalidPlan(findings)) => assert_eq!(findings.len(), 6),
        other => panic!("expected the six errors, got {other:?}"),
    }
    match from_plan_bytes(b"{not json", "x", date()) {
        Err(ReportError::InvalidPlan(findings)) => assert_eq!(findings.len(), 1),
        other => panic!("expected E-FORMAT, got {other:?}"),
    }
}

#[test]
fn caps_with_nobody_left_and_rules_with_no_weight_are_shown_as_uncovered() {
    let mut plan = example_value("tiered-bands-caps");
    plan["risk_share"]["groups"][0]["caps"] =
        serde_json::json!({"county": "800000.00", "icb": "1020000.00"});
    let text = flat(&pdftotext(&paper(
        &serde_json::to_vec(&plan).unwrap(),
        Units::Pounds,
    )));
    assert!(
        text.contains("Round 2: Example ICB cut back to the cap"),
        "{text}"
    );
    assert!(text.contains("Round 2: no partner is left to take the excess, so it is uncovered"));
    // The ICB's £1,012,500.00 + £37,500.00 is £30,000.00 over its cap, and nobody is left.
    assert!(text.contains("£30,000.00 of the overspend falls to no partner (uncovered)"));
    assert!(text.contains("W-UNCOVERED"));

    // Pro rata contributions on schemes with no funding: no weight, so nothing is shared.
    let mut plan = example_value("fixed-50-50");
    plan["risk_share"]["groups"][0]["overspend"] =
        serde_json::json!({"method": "pro_rata_contributions"});
    for scheme in plan["schemes"].as_array_mut().unwrap() {
        scheme["funding"] = serde_json::json!([]);
        scheme["forecast"] = Value::String("1000.00".to_owned());
    }
    let text = flat(&pdftotext(&paper(
        &serde_json::to_vec(&plan).unwrap(),
        Units::Pounds,
    )));
    assert!(text.contains("(every weight is"), "{text}");
    assert!(
        text.contains("Not shared: uncovered, paid by no partner (£5,000.00)"),
        "{text}"
    );
    assert!(text.contains("W-ZERO-WEIGHTS"));
}
