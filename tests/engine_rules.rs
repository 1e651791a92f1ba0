//! Engine behaviour the worked examples do not reach, each with figures worked out by hand.

use pooled_core::outcome::Outcome;
use pooled_testkit::fixtures::fixture;
use pooled_testkit::plans::{evaluate_json, final_pence, finding_codes, partner_pence};
use serde_json::{Value, json};

/// Two partners (council host "la", ICB "icb", as in fixtures/tests/small-pool.plan.json),
/// each funding one scheme; every test sets the forecasts and the risk share it needs.
fn plan(forecasts: [&str; 2], risk_share: Value) -> Value {
    let mut plan: Value = serde_json::from_slice(&fixture("tests/small-pool.plan.json")).unwrap();
    plan["name"] = json!("Engine test");
    plan["streams"] = json!([
        {"id": "g", "name": "Grant", "kind": "ibcf", "partner": "la", "amount": "1000.00"},
        {"id": "m", "name": "NHS minimum", "kind": "nhs_minimum", "partner": "icb", "amount": "3000.00"}
    ]);
    plan["schemes"] = json!([
        {"id": "A", "name": "Home care", "type": "home_care", "area_of_spend": "social_care",
         "commissioner": "la", "provider": "private_sector",
         "funding": [{"stream": "g", "amount": "1000.00"}, {"stream": "m", "amount": "1000.00"}],
         "forecast": forecasts[0]},
        {"id": "B", "name": "Community nursing", "type": "community_based_schemes",
         "area_of_spend": "community_health", "commissioner": "icb", "provider": "nhs_community",
         "funding": [{"stream": "m", "amount": "2000.00"}], "forecast": forecasts[1]}
    ]);
    plan["risk_share"] = risk_share;
    plan.as_object_mut().unwrap().remove("contracts");
    plan
}

/// A risk share of one group, "pool", with `rules` as a plan writes them.
fn group(rules: Value) -> Value {
    let mut g = json!({"id": "pool", "name": "Pool"});
    for (k, v) in rules.as_object().unwrap() {
        g[k] = v.clone();
    }
    json!({"default_group": "pool", "groups": [g]})
}

/// The two-partner plan with both forecasts at budget, every variance falling to the host.
fn at_budget_with_the_host() -> Value {
    let host = json!({"method": "host"});
    plan(
        ["2000.00", "2000.00"],
        group(json!({"overspend": host, "underspend": host})),
    )
}

/// A unit's allocation in pence, partner by partner.
fn allocation(outcome: &Outcome, unit: usize) -> Vec<i64> {
    partner_pence(&outcome.units[unit].allocation)
}

/// One group's rules on the two-partner plan, and what they give, worked by hand: no settlement
/// and no findings unless it says.
#[derive(Default)]
struct Case {
    what: &'static str,
    forecasts: [&'static str; 2],
    /// The group's rules, as a plan writes them.
    rules: Value,
    /// The first unit's allocation, partner by partner, in pence.
    allocation: [i64; 2],
    /// Who pays whom how many pence.
    settlement: &'static [(&'static str, &'static str, i64)],
    findings: &'static [&'static str],
    /// What else the case shows.
    also: Option<fn(&Outcome)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "pro rata contributions split by what each partner funds",
            // Overspend 400.00; contributions 1000 : 3000 → 100.00 : 300.00.
            forecasts: ["2400.00", "2000.00"],
            rules: json!({
                "overspend": {"method": "pro_rata_contributions"},
                "underspend": {"method": "host"}
            }),
            allocation: [10_000, 30_000],
            settlement: &[("icb", "la", 30_000)],
            also: Some(|o| assert_eq!(o.partners[1].final_cost.pence(), 330_000)),
            ..Case::default()
        },
        Case {
            what: "carry forward keeps an underspend in the pool",
            forecasts: ["1900.00", "1950.00"],
            rules: json!({"overspend": {"method": "host"}, "underspend": {"method": "carry_forward"}}),
            allocation: [0, 0],
            also: Some(|o| {
                assert_eq!(o.units[0].carried_forward.pence(), 15_000);
                assert_eq!(o.totals.carried_forward.pence(), 15_000);
                // Final costs are the contributions: nothing was returned.
                assert_eq!(final_pence(o), [100_000, 300_000]);
            }),
            ..Case::default()
        },
        Case {
            what: "a tiered underspend takes its bands with the variance's sign",
            // Underspend 150.00: first 100.00 to the host, the other 50.00 1:1; the host owes
            // the ICB its 25.00 back.
            forecasts: ["1900.00", "1950.00"],
            rules: json!({
                "overspend": {"method": "host"},
                "underspend": {"method": "tiered", "bands": [
                    {"up_to": "100.00", "rule": {"method": "host"}},
                    {"rule": {"method": "fixed", "shares": {"la": "1", "icb": "1"}}}
                ]}
            }),
            allocation: [-12_500, -2_500],
            settlement: &[("la", "icb", 2_500)],
            also: Some(|o| {
                assert_eq!(o.partners[0].underspend_share.pence(), 12_500);
                assert_eq!(o.units[0].working.slices.len(), 2);
            }),
            ..Case::default()
        },
        Case {
            what: "a cap with nobody to take the excess leaves it uncovered",
            // Overspend 400.00 to the host, capped at 50.00: the 350.00 excess goes to the ICB,
            // which is capped at 100.00, and the 250.00 beyond both caps is uncovered.
            forecasts: ["2400.00", "2000.00"],
            rules: json!({
                "overspend": {"method": "host"},
                "underspend": {"method": "host"},
                "caps": {"la": "50.00", "icb": "100.00"}
            }),
            allocation: [5_000, 10_000],
            settlement: &[("icb", "la", 10_000)],
            findings: &["W-UNCOVERED"],
            also: Some(|o| {
                assert_eq!(o.units[0].uncovered.pence(), 25_000);
                assert_eq!(o.units[0].working.cap_rounds.len(), 2);
            }),
        },
        Case {
            what: "capping at the contribution limits each per-scheme unit",
            // Scheme A overspends by 1600.00 shared 3:1: the council's 1200.00 is capped at the
            // 1000.00 it funds in A, and the 200.00 excess goes to the ICB (600.00, within its
            // 1000.00 in A).
            forecasts: ["3600.00", "2000.00"],
            rules: json!({
                "overspend": {"method": "fixed", "shares": {"la": "3", "icb": "1"}},
                "underspend": {"method": "pro_rata_contributions"},
                "per_scheme": true,
                "cap_at_contribution": true
            }),
            allocation: [100_000, 60_000],
            settlement: &[("icb", "la", 60_000)],
            also: Some(|o| {
                assert_eq!(o.units[0].id, "pool/A");
                assert_eq!(o.units[1].applied, pooled_core::outcome::Applied::None);
            }),
            ..Case::default()
        },
        Case {
            what: "a group's own host receives its units' settlement",
            forecasts: ["2400.00", "2000.00"],
            rules: json!({
                "overspend": {"method": "fixed", "shares": {"la": "3", "icb": "1"}},
                "underspend": {"method": "host"},
                "host": "icb"
            }),
            allocation: [30_000, 10_000],
            settlement: &[("la", "icb", 30_000)],
            ..Case::default()
        },
    ]
}

#[test]
fn each_rule_shares_as_worked_by_hand() {
    for case in cases() {
        let outcome = evaluate_json(&plan(case.forecasts, group(case.rules)));
        let what = case.what;
        assert_eq!(allocation(&outcome, 0), case.allocation, "{what}");
        let settlement: Vec<(&str, &str, i64)> = outcome
            .settlement
            .iter()
            .map(|t| (t.from.as_str(), t.to.as_str(), t.amount.pence()))
            .collect();
        assert_eq!(settlement, case.settlement, "{what}");
        assert_eq!(finding_codes(&outcome), case.findings, "{what}");
        if let Some(also) = case.also {
            also(&outcome);
        }
    }
}

#[test]
fn zero_weights_leave_an_overspend_uncovered_with_warnings() {
    // Pro rata commissioned, but the overspending group's only scheme has zero budget.
    let mut p = plan(
        ["2000.00", "2000.00"],
        json!({"groups": [
            {"id": "main", "name": "Main", "overspend": {"method": "pro_rata_contributions"}, "underspend": {"method": "pro_rata_contributions"}},
            {"id": "empty", "name": "Unfunded", "overspend": {"method": "pro_rata_commissioned"}, "underspend": {"method": "pro_rata_commissioned"}}
        ]}),
    );
    p["schemes"][0]["group"] = json!("main");
    p["schemes"][1]["group"] = json!("main");
    p["schemes"].as_array_mut().unwrap().push(json!({"id": "C", "name": "Unfunded pilot", "type": "other",
        "area_of_spend": "other", "commissioner": "la", "provider": "other", "funding": [], "forecast": "75.50", "group": "empty"}));
    let outcome = evaluate_json(&p);
    assert_eq!(outcome.units[1].id, "empty");
    assert_eq!(outcome.units[1].uncovered.pence(), 7_550);
    assert_eq!(outcome.totals.uncovered.pence(), 7_550);
    assert_eq!(finding_codes(&outcome), ["W-UNCOVERED", "W-ZERO-WEIGHTS"]);
}

#[test]
fn instalments_are_only_for_non_host_contributors() {
    let mut p = at_budget_with_the_host();
    p["instalments"] = json!(2);
    let outcome = evaluate_json(&p);
    let due: Vec<(&str, &str, i64)> = outcome
        .instalments
        .iter()
        .map(|i| (i.partner.as_str(), i.due.as_str(), i.amount.pence()))
        .collect();
    assert_eq!(
        due,
        [
            ("icb", "2025-04-01", 150_000),
            ("icb", "2025-10-01", 150_000)
        ]
    );
}

#[test]
fn out_of_hospital_counts_only_the_nhs_commissioned_share_rounded_once() {
    // 1000.00 of NHS minimum on a community scheme commissioned 1/3 by the ICB, twice:
    // 333.3333… + 333.3333… = 666.67 when summed exactly then rounded once (not 333.33 × 2).
    let mut p = at_budget_with_the_host();
    p["partners"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "la2", "name": "District", "kind": "council"}));
    let third = json!({"joint": {"la": "33.333333", "la2": "33.333334", "icb": "33.333333"}});
    p["schemes"][1]["funding"] = json!([{"stream": "m", "amount": "1000.00"}]);
    p["schemes"][1]["commissioner"] = third.clone();
    p["schemes"].as_array_mut().unwrap().push(
        json!({"id": "C", "name": "Falls", "type": "prevention_early_intervention",
        "area_of_spend": "primary_care", "commissioner": third, "provider": "nhs_community",
        "funding": [{"stream": "m", "amount": "1000.00"}]}),
    );
    p["requirements"] =
        json!({"nhs_min_out_of_hospital": "666.67", "nhs_min_social_care": "1000.01"});
    let outcome = evaluate_json(&p);
    let checks = outcome.requirements;
    assert_eq!(
        checks.nhs_min_out_of_hospital.unwrap().planned.pence(),
        66_667
    );
    assert_eq!(checks.nhs_min_social_care.unwrap().planned.pence(), 100_000);
    assert_eq!(finding_codes(&outcome), ["B-SOCIAL-CARE"]);
}
