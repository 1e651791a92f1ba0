//! Properties of the whole engine over random valid plans, and no-panic properties of reading,
//! validation and evaluation over random bytes, random JSON and mutated worked examples.
//!
//! The generator builds plans that are valid by construction (funding first, then each stream's
//! amount as its funded sum plus something unallocated; joint splits that add up to exactly 100;
//! rules that the spec allows on their side). Every generated plan must validate; the outcome is
//! then checked against the spec's rules worked independently from the validated plan.
//!
//! Every test of this target is here; the modules hold what they use:
//!
//! - [`numbers`]: JSON with exact number tokens;
//! - [`generator`]: random valid plans and the plan text written from them;
//! - [`reference`]: the spec's rules worked independently from a validated plan;
//! - [`checks`]: the checker of an outcome against that reference;
//! - [`no_panic`]: any input's assessment, and random bytes, random JSON and mutated examples.

mod checks;
mod generator;
mod no_panic;
mod numbers;
mod reference;

use pooled_core::assess_bytes;
use pooled_core::engine::evaluate;
use pooled_core::findings::Severity;
use pooled_core::money::{LIMIT_PENCE, Money};
use pooled_core::outcome::Outcome;
use pooled_core::plan::{read_plan, validate};
use pooled_testkit::fixtures::{plan_files, plan_values};
use pooled_testkit::plans::{final_pence, partner_pence};
use pooled_testkit::property_config;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::json;

use checks::{check_outcome, check_repeatable};
use generator::{evaluate_valid, largest_figure, plan_text, raw_plan};
use no_panic::{assess_anything, edited_example, json_document, mutate, mutation};
use numbers::{money_text, raw, to_text, weight_text};

// ---------------------------------------------------------------------------------------------
// The engine over random valid plans
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(property_config(2_000))]

    #[test]
    fn generated_plans_validate_and_follow_the_spec(raw in raw_plan()) {
        let text = plan_text(&raw, 1);
        let (plan, outcome) = evaluate_valid(&text);
        check_outcome(&plan, &outcome);
        check_repeatable(&text, &plan, &outcome);
    }
}

proptest! {
    #![proptest_config(property_config(500))]

    /// The same plans with every amount scaled up until the largest figure or total is as close
    /// to £100bn as a whole factor allows: still valid, and still exact to the penny.
    #[test]
    fn plans_scaled_to_the_limit_stay_exact(raw in raw_plan()) {
        let (small, _) = evaluate_valid(&plan_text(&raw, 1));
        // A plan whose every figure is zero stays zero however it is scaled.
        prop_assume!(largest_figure(&small) > 0);
        let scale = (LIMIT_PENCE / largest_figure(&small)).max(1);
        let text = plan_text(&raw, scale);
        let (plan, outcome) = evaluate_valid(&text);
        prop_assert!(largest_figure(&plan) > LIMIT_PENCE / 2, "scaled by {}", scale);
        check_outcome(&plan, &outcome);
        check_repeatable(&text, &plan, &outcome);
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-worked checks of the generator and checker themselves
// ---------------------------------------------------------------------------------------------

#[test]
fn raw_numbers_are_written_exactly() {
    let value = json!({"a": raw("99999999999.99"), "b": [raw("1e400"), "x"]});
    assert_eq!(
        to_text(&value).split_whitespace().collect::<String>(),
        r#"{"a":99999999999.99,"b":[1e400,"x"]}"#
    );
    assert_eq!(money_text(12_000, true), "120");
    assert_eq!(money_text(12_050, true), "120.5");
    assert_eq!(money_text(-5, false), "-0.05");
    assert_eq!(weight_text(33_333_333), "33.333333");
}

#[test]
fn the_checker_accepts_every_worked_example_it_evaluates() {
    let mut evaluated = 0;
    for (name, text) in plan_files() {
        let Ok(document) = read_plan(text) else {
            continue;
        };
        let Ok(plan) = validate(&document) else {
            continue;
        };
        let outcome = evaluate(&plan).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_outcome(&plan, &outcome);
        check_repeatable(text, &plan, &outcome);
        evaluated += 1;
    }
    assert!(evaluated >= 5, "only {evaluated} examples evaluated");
}

#[test]
fn a_hand_worked_capped_tiered_plan() {
    // Two partners; one scheme overspends by 300.00. Bands: the first 100.00 to the host (la),
    // the rest 1:3. la 100 + 50 = 150 is capped at 120; the 30 excess goes to the ICB.
    let plan = json!({
        "format": "pooled-plan/1", "name": "Hand", "financial_year": "2025-26",
        "partners": [{"id": "la", "name": "LA", "kind": "council"},
                     {"id": "icb", "name": "ICB", "kind": "icb"}],
        "host": "la",
        "streams": [{"id": "a", "name": "A", "kind": "ibcf", "partner": "la", "amount": "1000.00"},
                    {"id": "b", "name": "B", "kind": "nhs_minimum", "partner": "icb", "amount": "1000.00"}],
        "schemes": [{"id": "S", "name": "S", "type": "home_care", "area_of_spend": "social_care",
                     "commissioner": "la", "provider": "local_authority",
                     "funding": [{"stream": "a", "amount": "1000.00"}, {"stream": "b", "amount": "1000.00"}],
                     "forecast": "2300.00"}],
        "risk_share": {"default_group": "g", "groups": [{"id": "g", "name": "G",
            "overspend": {"method": "tiered", "bands": [
                {"up_to": "100.00", "rule": {"method": "host"}},
                {"rule": {"method": "fixed", "shares": {"la": 1, "icb": 3}}}]},
            "underspend": {"method": "carry_forward"}, "caps": {"la": "120.00"}}]},
        "instalments": 4
    });
    let text = to_text(&plan);
    let (plan, outcome) = evaluate_valid(&text);
    check_outcome(&plan, &outcome);
    assert_eq!(
        partner_pence(&outcome.units[0].allocation),
        [12_000, 18_000]
    );
    assert_eq!(outcome.settlement.len(), 1);
    assert_eq!(
        (
            outcome.settlement[0].from.as_str(),
            outcome.settlement[0].amount.pence()
        ),
        ("icb", 18_000)
    );
    assert_eq!(final_pence(&outcome), [112_000, 118_000]);
    let icb: Vec<i64> = outcome
        .instalments
        .iter()
        .map(|i| i.amount.pence())
        .collect();
    assert_eq!(icb, [25_000; 4]);
}

#[test]
fn the_checker_catches_a_tampered_outcome() {
    // The checker must not pass vacuously: each of these one-penny (or one-field) changes to a
    // correct outcome has to be caught.
    let (name, text) = plan_files()
        .iter()
        .find(|(name, _)| name == "tiered-bands-caps.plan.json")
        .expect("the tiered example");
    let (plan, outcome) = evaluate_valid(text);
    check_outcome(&plan, &outcome);
    let penny = Money::from_pence(1);
    type Tamper = fn(&mut Outcome, Money);
    let tamperings: Vec<(&str, Tamper)> = vec![
        ("a penny moved between partners in a unit", |o, d| {
            let a = o.units[0].allocation.amounts_mut();
            a[0] = a[0].checked_add(d).unwrap();
            a[1] = a[1].checked_sub(d).unwrap();
        }),
        ("a final cost", |o, d| {
            o.partners[1].final_cost = o.partners[1].final_cost.checked_add(d).unwrap();
        }),
        ("a settlement amount", |o, d| {
            o.settlement[0].amount = o.settlement[0].amount.checked_add(d).unwrap();
        }),
        ("an instalment", |o, d| {
            o.instalments[0].amount = o.instalments[0].amount.checked_add(d).unwrap();
        }),
        ("the uncovered total", |o, d| {
            o.totals.uncovered = o.totals.uncovered.checked_add(d).unwrap();
        }),
        ("a scheme's contributions", |o, d| {
            let c = o.schemes[0].contributions.amounts_mut();
            c[0] = c[0].checked_add(d).unwrap();
        }),
        ("a warning dropped", |o, _| {
            o.findings.clear();
        }),
    ];
    for (what, tamper) in tamperings {
        let mut wrong = outcome.clone();
        tamper(&mut wrong, penny);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_outcome(&plan, &wrong)
        }))
        .is_err();
        assert!(caught, "{name}: the checker missed {what}");
    }
}

// ---------------------------------------------------------------------------------------------
// Deviations from the spec found while writing these properties, kept as regression tests
// ---------------------------------------------------------------------------------------------

/// The error codes and paths of an assessment.
fn error_codes(text: &str) -> Vec<(&'static str, String)> {
    assess_bytes(text.as_bytes())
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.code.as_str(), f.path.clone()))
        .collect()
}

#[test]
fn a_plan_written_as_arrays_is_a_format_error() {
    // Spec §2: a wrong type is E-FORMAT. serde_json lets a derived struct be read from an array
    // of its fields in declaration order, so this positional "plan" used to be evaluated
    // (src/plan/read.rs).
    let text = r#"["pooled-plan/1","P",null,"2025-26",[["la","C","council"]],"la",[],[]]"#;
    let errors = error_codes(text);
    assert!(
        errors.iter().any(|(code, _)| *code == "E-FORMAT"),
        "{errors:?}"
    );
}

#[test]
fn a_negative_band_threshold_is_a_rule_error() {
    // Spec §2.2: "band thresholds not > 0" is E-RULE (a threshold of 0 already is); thresholds
    // are not among the amounts §1 requires to be ≥ 0. It used to give E-AMOUNT "must be zero or
    // more" (src/plan/validate.rs).
    let text = r#"{"format":"pooled-plan/1","name":"P","financial_year":"2025-26",
        "partners":[{"id":"la","name":"C","kind":"council"}],"host":"la","streams":[],"schemes":[],
        "risk_share":{"groups":[{"id":"g","name":"G","underspend":{"method":"host"},
            "overspend":{"method":"tiered","bands":[
                {"up_to":"-5.00","rule":{"method":"host"}},{"rule":{"method":"host"}}]}}]}}"#;
    assert_eq!(
        error_codes(text),
        [(
            "E-RULE",
            "risk_share.groups[0].overspend.bands[0].up_to".to_owned()
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// No panic on anything: bytes, random JSON, mutated worked examples
// ---------------------------------------------------------------------------------------------

#[test]
fn deeply_nested_input_is_refused_not_overflowed() {
    let (_, example) = &plan_files()[0];
    for depth in [127, 128, 129, 100_000] {
        let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assess_anything(arrays.as_bytes());
        assess_anything(objects.as_bytes());
        // Nested where a number, an id and a plan's name are expected.
        let first_amount = example.find("\"amount\"").expect("an amount") + "\"amount\":".len();
        let mut nested = example.clone();
        nested.insert_str(first_amount, &format!(" {arrays},\"x\":"));
        assess_anything(nested.as_bytes());
        assess_anything(
            example
                .replacen("\"name\"", &format!("\"x\": {objects}, \"name\""), 1)
                .as_bytes(),
        );
    }
}

proptest! {
    #![proptest_config(property_config(1_500))]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..=2_000),
            edited_example(),
        ]
    ) {
        assess_anything(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(document in json_document()) {
        assess_anything(to_text(&document).as_bytes());
    }
}

proptest! {
    #![proptest_config(property_config(5_000))]

    #[test]
    fn mutated_examples_never_panic(
        example in any::<Index>(),
        mutations in prop_oneof![
            3 => prop::collection::vec(mutation(), 1..=1),
            1 => prop::collection::vec(mutation(), 2..=4),
        ],
    ) {
        let values = plan_values();
        let mut value = values[example.index(values.len())].clone();
        for m in &mutations {
            mutate(&mut value, m);
        }
        assess_anything(to_text(&value).as_bytes());
    }
}
