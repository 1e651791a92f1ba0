//! Properties of the whole engine over random valid plans, and no-panic properties of reading,
//! validation and evaluation over random bytes, random JSON and mutated worked examples.
//!
//! The generator builds plans that are valid by construction (funding first, then each stream's
//! amount as its funded sum plus something unallocated; joint splits that add up to exactly 100;
//! rules that the spec allows on their side; reserves only on groups not shared per scheme;
//! netting sets only of groups that settle; agreed rules only as a group's own rule). The optional
//! features are used often enough that `the_generator_uses_every_optional_feature` finds each
//! case that matters. Every generated plan must validate; the outcome is then checked against
//! the spec's rules worked independently from the validated plan, to the penny, and against the
//! spec's named invariants (see [`checks`]).
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

type Tamper = fn(&mut Outcome);

/// Each tampering of a correct outcome of the named example must be caught by the checker.
fn assert_tampering_caught(example: &str, tamperings: Vec<(&str, Tamper)>) {
    let (name, text) = plan_files()
        .iter()
        .find(|(name, _)| name == example)
        .unwrap_or_else(|| panic!("no example {example}"));
    let (plan, outcome) = evaluate_valid(text);
    check_outcome(&plan, &outcome);
    for (what, tamper) in tamperings {
        let mut wrong = outcome.clone();
        tamper(&mut wrong);
        assert_ne!(
            wrong, outcome,
            "{name}: tampering with {what} changed nothing"
        );
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_outcome(&plan, &wrong)
        }))
        .is_err();
        assert!(caught, "{name}: the checker missed {what}");
    }
}

fn plus_penny(m: &mut Money) {
    *m = m.checked_add(Money::from_pence(1)).unwrap();
}

fn minus_penny(m: &mut Money) {
    *m = m.checked_sub(Money::from_pence(1)).unwrap();
}

#[test]
fn a_hand_worked_netting_tie_and_reserve() {
    // Group p (per scheme, hosted by la) has two schemes each 1.00 over; group q (hosted by the
    // ICB) is 1.01 under. Netting set [q, p]: M = 1.01 over weights 100:100 gives 50 pence each
    // and one penny left, which goes to the earlier unit in evaluation order (p/S1), not to
    // the first group named in the set. Group r keeps a reserve of 5.00 against a 3.00
    // overspend: all drawn from the reserve, 2.00 left.
    let plan = json!({
        "format": "pooled-plan/1", "name": "Hand", "financial_year": "2025-26",
        "partners": [{"id": "la", "name": "LA", "kind": "council"},
                     {"id": "icb", "name": "ICB", "kind": "icb"}],
        "host": "la",
        "streams": [{"id": "a", "name": "A", "kind": "ibcf", "partner": "la", "amount": "1000.00"},
                    {"id": "b", "name": "B", "kind": "nhs_minimum", "partner": "icb", "amount": "1000.00"}],
        "schemes": [
            {"id": "S1", "name": "S1", "type": "home_care", "area_of_spend": "social_care",
             "commissioner": "la", "provider": "local_authority",
             "funding": [{"stream": "a", "amount": "100.00"}], "forecast": "101.00", "group": "p"},
            {"id": "S2", "name": "S2", "type": "home_care", "area_of_spend": "social_care",
             "commissioner": "la", "provider": "local_authority",
             "funding": [{"stream": "a", "amount": "100.00"}], "forecast": "101.00", "group": "p"},
            {"id": "S3", "name": "S3", "type": "home_care", "area_of_spend": "acute",
             "commissioner": "icb", "provider": "nhs_acute",
             "funding": [{"stream": "b", "amount": "100.00"}], "forecast": "98.99", "group": "q"},
            {"id": "S4", "name": "S4", "type": "home_care", "area_of_spend": "acute",
             "commissioner": "icb", "provider": "nhs_acute",
             "funding": [{"stream": "b", "amount": "100.00"}], "forecast": "103.00", "group": "r"}],
        "risk_share": {"groups": [
            {"id": "p", "name": "P", "per_scheme": true,
             "overspend": {"method": "host"}, "underspend": {"method": "host"}},
            {"id": "q", "name": "Q", "host": "icb",
             "overspend": {"method": "host"}, "underspend": {"method": "host"}},
            {"id": "r", "name": "R", "opening_reserve": "5.00",
             "overspend": {"method": "host"}, "underspend": {"method": "carry_forward"}}],
            "offsets": [["q", "p"]]},
        "instalments": 1
    });
    let (plan, outcome) = evaluate_valid(&to_text(&plan));
    check_outcome(&plan, &outcome);
    let offsets: Vec<Option<i64>> = outcome
        .units
        .iter()
        .map(|u| u.offset.map(|o| o.pence()))
        .collect();
    assert_eq!(offsets, [Some(51), Some(50), Some(-101), None]);
    let shared: Vec<i64> = outcome.units[..3]
        .iter()
        .map(|u| u.shared_variance.unwrap().pence())
        .collect();
    assert_eq!(shared, [49, 50, 0]);
    let r = outcome.units[3].reserve.expect("a reserve");
    assert_eq!(
        (r.opening.pence(), r.drawn.pence(), r.closing.pence()),
        (500, 300, 200)
    );
    assert_eq!(
        outcome.units[3].applied,
        pooled_core::outcome::Applied::None
    );
    // The netted 1.01 passes from the ICB (host of q) to the plan's host.
    let settlement: Vec<(&str, &str, i64)> = outcome
        .settlement
        .iter()
        .map(|t| (t.from.as_str(), t.to.as_str(), t.amount.pence()))
        .collect();
    assert_eq!(settlement, [("icb", "la", 101)]);
    assert_eq!(
        (
            outcome.totals.reserve_drawn.map(Money::pence),
            outcome.totals.closing_reserve.map(Money::pence)
        ),
        (Some(300), Some(200))
    );
}

#[test]
fn the_checker_catches_a_tampered_outcome() {
    // The checker must not pass vacuously: each of these one-penny (or one-field) changes to a
    // correct outcome has to be caught.
    assert_tampering_caught(
        "tiered-bands-caps.plan.json",
        vec![
            ("a penny moved between partners in a unit", |o| {
                let a = o.units[0].allocation.amounts_mut();
                plus_penny(&mut a[0]);
                minus_penny(&mut a[1]);
            }),
            ("a final cost", |o| {
                plus_penny(&mut o.partners[1].final_cost)
            }),
            ("a settlement amount", |o| {
                plus_penny(&mut o.settlement[0].amount)
            }),
            ("an instalment", |o| {
                plus_penny(&mut o.instalments[0].amount)
            }),
            ("the uncovered total", |o| {
                plus_penny(&mut o.totals.uncovered)
            }),
            ("a scheme's contributions", |o| {
                plus_penny(&mut o.schemes[0].contributions.amounts_mut()[0])
            }),
            ("a warning dropped", |o| o.findings.clear()),
            ("an offset where no group is netted", |o| {
                o.units[0].offset = Some(Money::ZERO);
                o.units[0].shared_variance = Some(o.units[0].variance);
            }),
            ("settled where every group settles", |o| {
                o.units[0].settled = Some(false)
            }),
            ("reserve totals where no group keeps a reserve", |o| {
                o.totals.reserve_drawn = Some(Money::ZERO);
                o.totals.closing_reserve = Some(Money::ZERO);
            }),
        ],
    );
}

#[test]
fn the_checker_catches_tampered_netting_reserves_and_agreed_amounts() {
    assert_tampering_caught(
        "reserve-and-offsets.plan.json",
        vec![
            ("a penny of netting moved between two units of a set", |o| {
                for (u, more) in [(0, true), (1, false)] {
                    let unit = &mut o.units[u];
                    let (offset, shared) = (
                        unit.offset.as_mut().unwrap(),
                        unit.shared_variance.as_mut().unwrap(),
                    );
                    if more {
                        plus_penny(offset);
                        minus_penny(shared);
                    } else {
                        minus_penny(offset);
                        plus_penny(shared);
                    }
                }
                let a = o.units[0].allocation.amounts_mut();
                minus_penny(&mut a[0]);
                let a = o.units[1].allocation.amounts_mut();
                plus_penny(&mut a[0]);
            }),
            ("an offset dropped", |o| {
                o.units[1].offset = None;
                o.units[1].shared_variance = None;
            }),
            ("a penny more drawn from a reserve", |o| {
                let r = o.units[0].reserve.as_mut().unwrap();
                plus_penny(&mut r.drawn);
                minus_penny(&mut r.closing);
                minus_penny(&mut o.units[0].allocation.amounts_mut()[0]);
            }),
            ("a closing reserve", |o| {
                plus_penny(&mut o.units[3].reserve.as_mut().unwrap().closing)
            }),
            ("a reserve dropped", |o| o.units[3].reserve = None),
            ("the closing reserve total", |o| {
                plus_penny(o.totals.closing_reserve.as_mut().unwrap())
            }),
            ("the reserve drawn total dropped", |o| {
                o.totals.reserve_drawn = None
            }),
            ("the netting flow through the plan's host", |o| {
                plus_penny(&mut o.settlement[0].amount)
            }),
        ],
    );
    assert_tampering_caught(
        "aligned-no-settlement.plan.json",
        vec![
            ("an aligned unit that settles", |o| {
                o.units[0].settled = None
            }),
            ("a flow for an aligned unit", |o| {
                plus_penny(&mut o.settlement[0].amount)
            }),
        ],
    );
    assert_tampering_caught(
        "agreed-and-amounts.plan.json",
        vec![
            ("W-AGREED-DIFFERS dropped", |o| o.findings.clear()),
            ("an agreed difference scaled away", |o| {
                let unit = &mut o.units[1];
                unit.carried_forward = Money::ZERO;
                let a = unit.allocation.amounts_mut();
                a[0] = a[0].checked_sub(Money::from_pence(1_234_567)).unwrap();
            }),
        ],
    );
}

#[test]
fn the_generator_uses_every_optional_feature() {
    // Over a few hundred generated plans, each optional feature must occur in each of the ways
    // that matter, so that the properties above test them.
    use pooled_core::outcome::Applied;
    use pooled_core::plan::model::Rule;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::new(property_config(0));
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let mut see =
        |what: &'static str, yes: bool| *seen.entry(what).or_default() += usize::from(yes);
    for _ in 0..400 {
        let raw = raw_plan().new_tree(&mut runner).expect("a plan").current();
        let (plan, outcome) = evaluate_valid(&plan_text(&raw, 1));
        let group = |id: &str| plan.groups.iter().find(|g| g.id == id).expect("a group");
        let netted: Vec<usize> = plan.offsets.iter().flatten().copied().collect();
        let with_schemes = |g: usize| plan.schemes.iter().any(|s| s.group == g);
        see(
            "a plan with no optional feature",
            plan.offsets.is_empty()
                && plan.groups.iter().all(|g| {
                    g.opening_reserve.is_none()
                        && g.settle
                        && !matches!(g.overspend, Rule::ProRataAmounts(_) | Rule::Agreed(_))
                        && !matches!(g.underspend, Rule::ProRataAmounts(_) | Rule::Agreed(_))
                }),
        );
        see(
            "netting that nets something",
            outcome
                .units
                .iter()
                .any(|u| u.offset.is_some_and(|o| !o.is_zero())),
        );
        see(
            "a per-scheme group in a netting set",
            netted.iter().any(|g| plan.groups[*g].per_scheme),
        );
        see(
            "a group with no schemes in a netting set",
            netted.iter().any(|g| !with_schemes(*g)),
        );
        see("two netting sets", plan.offsets.len() >= 2);
        see(
            "a group with no schemes and a reserve",
            plan.groups
                .iter()
                .enumerate()
                .any(|(g, group)| group.opening_reserve.is_some() && !with_schemes(g)),
        );
        for unit in &outcome.units {
            let g = group(&unit.group);
            let shared = unit.shared_variance.unwrap_or(unit.variance);
            if let Some(r) = unit.reserve {
                see("a reserve of 0.00", r.opening.is_zero());
                see(
                    "a reserve bigger than the overspend",
                    shared.is_positive() && r.opening > shared,
                );
                see(
                    "a reserve exactly the overspend",
                    shared.is_positive() && r.opening == shared,
                );
                see(
                    "a reserve smaller than the overspend",
                    r.drawn.is_positive() && r.opening < shared,
                );
                see("a reserve and an underspend", shared.is_negative());
                see(
                    "a reserve and netting",
                    unit.offset.is_some_and(|o| !o.is_zero()),
                );
            }
            see(
                "an aligned unit with shares",
                unit.settled == Some(false)
                    && unit.allocation.amounts().iter().any(|a| !a.is_zero()),
            );
            let rule = match unit.applied {
                Applied::Overspend => Some(&g.overspend),
                Applied::Underspend => Some(&g.underspend),
                Applied::None => None,
            };
            match rule {
                Some(Rule::ProRataAmounts(_)) => see("pro_rata_amounts applied", true),
                Some(Rule::Tiered(bands)) => see(
                    "pro_rata_amounts in a band",
                    bands
                        .iter()
                        .any(|b| matches!(b.rule, Rule::ProRataAmounts(_))),
                ),
                Some(Rule::Agreed(amounts)) => {
                    let x = shared.pence() - unit.reserve.map_or(0, |r| r.drawn.pence());
                    let total: i64 = amounts.iter().map(|a| a.pence()).sum();
                    see("agreed amounts summing to X", total == x.abs());
                    see("agreed amounts less than X", total < x.abs());
                    see("agreed amounts more than X", total > x.abs());
                    see("agreed amounts all zero", total == 0);
                    see("an agreed underspend", x < 0);
                }
                _ => {}
            }
        }
    }
    eprintln!("optional features in 400 generated plans: {seen:?}");
    let missing: Vec<String> = seen
        .iter()
        .filter(|(_, count)| **count < 3)
        .map(|(what, count)| format!("{what}: {count}"))
        .collect();
    assert!(
        missing.is_empty(),
        "too rare in 400 plans: {missing:?} (all: {seen:?})"
    );
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
