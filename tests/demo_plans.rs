//! The demo plans in `fixtures/demo`: each one is a sound plan (no error finding, so it
//! evaluates; warnings are allowed, Northbrook shows one on purpose), and the Westmere plan, the
//! two-pool demo, gives the figures worked out by hand below, to the penny, both through the
//! core and through `pooled evaluate`.

use std::path::PathBuf;

use pooled_core::assess_bytes;
use pooled_core::findings::Severity;
use pooled_testkit::fixtures::root;
use pooled_testkit::pooled;
use serde_json::Value;

const WESTMERE: &str = "fixtures/demo/westmere-2025-26.plan.json";

/// Every plan file in `fixtures/demo`, sorted.
fn demo_plans() -> Vec<PathBuf> {
    let dir = root().join("fixtures/demo");
    let mut plans: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/demo exists")
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.to_string_lossy().ends_with(".plan.json"))
        .collect();
    plans.sort();
    plans
}

#[test]
fn every_demo_plan_validates_without_an_error_and_evaluates() {
    let plans = demo_plans();
    let names: Vec<String> = plans
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.contains(&"northbrook-2025-26.plan.json".to_owned())
            && names.contains(&"westmere-2025-26.plan.json".to_owned()),
        "{names:?}"
    );
    for path in &plans {
        let bytes = std::fs::read(path).unwrap();
        let assessment = assess_bytes(&bytes);
        let findings = assessment.findings();
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}: {}", f.code, f.path, f.message))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        let outcome: Value = serde_json::from_str(&assessment.to_json()).unwrap();
        assert!(
            outcome.get("totals").is_some(),
            "{} was not evaluated",
            path.display()
        );
    }
}

// The Westmere plan by hand (spec §3), partners in plan order: Westmere Council (the plan's
// host), then Westmere and Vale ICB.
//
// Step 2, variances (forecast − budget):
//   council-pool (host council): WM01 +686,418.62, WM02 +72,307.15, WM03 +468,744.90,
//     WM04 −28,487.60, WM05 −27,139.67, WM06 0.00 (no forecast), WM07 −27,600.00
//     V = +1,144,243.40 (budget 19,284,215.00, forecast 20,428,458.40).
//   icb-pool (host ICB): WM10 −245,784.52, WM11 +46,902.71, WM12 −118,366.91,
//     WM13 −37,881.73, WM14 −51,359.45, WM15 0.00 (no forecast)
//     V = −406,489.90 (budget 12,586,318.00, forecast 12,179,828.10).
//   dfg: V = 2,811,275.40 − 2,963,480.00 = −152,204.60.
//   aligned/WM31 (ICB alone): +62,880.00; aligned/WM32 (council alone): −36,580.00.
//
// Step 2a, netting set [council-pool, icb-pool]: O = 1,144,243.40, U = 406,489.90,
//   M = min(O, U) = 406,489.90. One unit on each side, so each takes all of M:
//   offset council-pool +406,489.90 (V' = 737,753.50), icb-pool −406,489.90 (V' = 0.00).
// Step 2b, reserves: council-pool R = 500,000.00, V' > 0, d = min(737,753.50, 500,000.00)
//   = 500,000.00, X = 237,753.50. icb-pool R = 300,000.00, V' = 0, d = 0, X = 0 (applied none).
// Step 3, council-pool overspend pro rata contributions to the unit: council (LABCG)
//   3,100,000 + 1,650,000 + 410,000 + 3,814,215 = 8,974,215.00; ICB (NHS minimum and its
//   discharge contribution) 3,450,000 + 2,840,000 + 1,200,000 + 960,000 + 1,320,000 + 540,000
//   = 10,310,000.00; W = 19,284,215.00. X = 23,775,350p:
//   council 23,775,350 × 8,974,215 / 19,284,215 = 11,064,235p rem 16,049,725 (0.832)
//   ICB     23,775,350 × 10,310,000 / 19,284,215 = 12,711,114p rem 3,234,490 (0.168)
//   1p left goes to the larger remainder, the council: council £110,642.36, ICB £127,111.14.
// Step 4: the ICB's cap of £150,000.00 is not reached.
// Step 4a, closing reserves: council-pool 500,000.00 − 500,000.00 + 0 = 0.00; icb-pool
//   300,000.00 − 0 + 0 = 300,000.00. totals: reserve_drawn 500,000.00, closing 300,000.00.
// dfg: carry forward 152,204.60. aligned: pro rata commissioned, each scheme to its sole
//   commissioner: ICB +62,880.00 on WM31, council −36,580.00 on WM32; settled false.
// Step 5: contributions council 8,974,215 + 2,963,480 + 1,750,000 = 13,687,695.00, ICB
//   21,146,318 + 1,200,000 + 1,450,000 = 23,796,318.00.
//   council overspend 110,642.36, underspend 36,580.00, net 74,062.36, final 13,761,757.36.
//   ICB overspend 127,111.14 + 62,880.00 = 189,991.14, net 189,991.14, final 23,986,309.14.
// Step 6: council-pool (host council): ICB owes the council 127,111.14. icb-pool (host ICB,
//   not the plan's host): offset −406,489.90, so the ICB owes the plan's host 406,489.90.
//   aligned: no money moves. Net: ICB to council 127,111.14 + 406,489.90 = 533,601.04.
// Check: Σ final = 37,748,066.50 = income 37,484,013.00 + variance 611,848.90
//   − reserve drawn 500,000.00 − uncovered 0.00 + carried forward 152,204.60.
// Step 7: the ICB pays 23,796,318.00 in four instalments of 5,949,079.50.

/// The Westmere plan's outcome, evaluated by the core.
fn westmere() -> Value {
    let bytes = std::fs::read(root().join(WESTMERE)).unwrap();
    serde_json::from_str(&assess_bytes(&bytes).to_json()).unwrap()
}

fn unit<'a>(outcome: &'a Value, id: &str) -> &'a Value {
    outcome["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

fn partner<'a>(outcome: &'a Value, id: &str) -> &'a Value {
    outcome["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no partner {id}"))
}

/// The fields of `value` named in `expected`, as text.
fn fields(value: &Value, expected: &[(&str, &str)]) {
    for (field, amount) in expected {
        assert_eq!(
            value[*field].as_str(),
            Some(*amount),
            "{field} of {}",
            value["id"]
        );
    }
}

fn check_westmere(outcome: &Value) {
    fields(
        &outcome["totals"],
        &[
            ("income", "37484013.00"),
            ("budget", "37484013.00"),
            ("forecast", "38095861.90"),
            ("variance", "611848.90"),
            ("unallocated_income", "0.00"),
            ("uncovered", "0.00"),
            ("carried_forward", "152204.60"),
            ("reserve_drawn", "500000.00"),
            ("closing_reserve", "300000.00"),
        ],
    );

    let council_pool = unit(outcome, "council-pool");
    fields(
        council_pool,
        &[
            ("variance", "1144243.40"),
            ("offset", "406489.90"),
            ("shared_variance", "737753.50"),
            ("applied", "overspend"),
            ("uncovered", "0.00"),
            ("carried_forward", "0.00"),
        ],
    );
    fields(
        &council_pool["reserve"],
        &[
            ("opening", "500000.00"),
            ("drawn", "500000.00"),
            ("closing", "0.00"),
        ],
    );
    fields(
        &council_pool["allocation"],
        &[("council", "110642.36"), ("icb", "127111.14")],
    );

    let icb_pool = unit(outcome, "icb-pool");
    fields(
        icb_pool,
        &[
            ("variance", "-406489.90"),
            ("offset", "-406489.90"),
            ("shared_variance", "0.00"),
            ("applied", "none"),
        ],
    );
    fields(
        &icb_pool["reserve"],
        &[
            ("opening", "300000.00"),
            ("drawn", "0.00"),
            ("closing", "300000.00"),
        ],
    );
    fields(
        &icb_pool["allocation"],
        &[("council", "0.00"), ("icb", "0.00")],
    );

    let dfg = unit(outcome, "dfg");
    fields(
        dfg,
        &[
            ("variance", "-152204.60"),
            ("applied", "underspend"),
            ("carried_forward", "152204.60"),
        ],
    );
    assert!(dfg.get("offset").is_none() && dfg.get("reserve").is_none());

    let wm31 = unit(outcome, "aligned/WM31");
    fields(
        &wm31["allocation"],
        &[("council", "0.00"), ("icb", "62880.00")],
    );
    assert_eq!(wm31["settled"], Value::Bool(false));
    let wm32 = unit(outcome, "aligned/WM32");
    fields(
        &wm32["allocation"],
        &[("council", "-36580.00"), ("icb", "0.00")],
    );
    assert_eq!(wm32["settled"], Value::Bool(false));

    fields(
        partner(outcome, "council"),
        &[
            ("contribution", "13687695.00"),
            ("overspend_share", "110642.36"),
            ("underspend_share", "36580.00"),
            ("net_share", "74062.36"),
            ("final_cost", "13761757.36"),
        ],
    );
    fields(
        partner(outcome, "icb"),
        &[
            ("contribution", "23796318.00"),
            ("overspend_share", "189991.14"),
            ("underspend_share", "0.00"),
            ("net_share", "189991.14"),
            ("final_cost", "23986309.14"),
        ],
    );

    assert_eq!(
        outcome["settlement"],
        serde_json::json!([{"from": "icb", "to": "council", "amount": "533601.04"}])
    );
    let instalments: Vec<(&str, &str)> = outcome["instalments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["due"].as_str().unwrap(), i["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(
        instalments,
        [
            ("2025-04-01", "5949079.50"),
            ("2025-07-01", "5949079.50"),
            ("2025-10-01", "5949079.50"),
            ("2026-01-01", "5949079.50"),
        ]
    );
    assert_eq!(outcome["findings"], serde_json::json!([]));
}

#[test]
fn the_westmere_plan_nets_draws_its_reserve_and_settles_to_the_penny() {
    check_westmere(&westmere());
}

#[test]
fn pooled_evaluate_gives_the_same_westmere_figures() {
    let stdout = pooled!().ok(&["evaluate", WESTMERE]);
    let outcome: Value = serde_json::from_str(&stdout).unwrap();
    check_westmere(&outcome);
    assert_eq!(outcome, westmere());
}

#[test]
fn every_westmere_unit_accounts_for_its_variance() {
    // V = offset + drawn + Σ allocation + uncovered − carried forward (spec §4), in pence.
    let pence = |v: &Value| -> i64 {
        let text = v.as_str().unwrap_or("0.00");
        let (pounds, pennies) = text.split_once('.').unwrap();
        let sign = if pounds.starts_with('-') { -1 } else { 1 };
        pounds.parse::<i64>().unwrap() * 100 + sign * pennies.parse::<i64>().unwrap()
    };
    let outcome = westmere();
    for unit in outcome["units"].as_array().unwrap() {
        let shares: i64 = unit["allocation"]
            .as_object()
            .unwrap()
            .values()
            .map(pence)
            .sum();
        let accounted = pence(&unit["offset"])
            + pence(&unit["reserve"]["drawn"])
            + shares
            + pence(&unit["uncovered"])
            - pence(&unit["carried_forward"]);
        assert_eq!(pence(&unit["variance"]), accounted, "{}", unit["id"]);
    }
}
