use serde_json::{Value, json};

use super::*;
use crate::plan::read_plan;

/// A small valid plan (fixtures/tests/small-pool.plan.json): a council host and an ICB, two
/// streams, two schemes, one group and a contract.
fn base() -> Value {
    serde_json::from_str(include_str!(
        "../../../../../fixtures/tests/small-pool.plan.json"
    ))
    .unwrap()
}

fn check(plan: &Value) -> Result<Plan, Vec<Finding>> {
    let document = read_plan(&plan.to_string()).map_err(|f| vec![f])?;
    validate(&document)
}

/// The (code, path) of every error for a plan changed by `edit`.
fn errors_after(edit: impl FnOnce(&mut Value)) -> Vec<(Code, String)> {
    let mut plan = base();
    edit(&mut plan);
    let mut found: Vec<_> = check(&plan)
        .expect_err("plan should fail")
        .into_iter()
        .map(|f| (f.code, f.path))
        .collect();
    found.sort();
    found
}

fn one(code: Code, path: &str) -> Vec<(Code, String)> {
    vec![(code, path.to_owned())]
}

#[test]
fn a_valid_plan_becomes_a_checked_plan() {
    let plan = check(&base()).unwrap();
    assert_eq!(plan.host, 0);
    assert_eq!(plan.schemes[0].budget, Money::from_pence(110_000));
    // No forecast means on budget.
    assert_eq!(plan.schemes[1].forecast, Money::from_pence(40_000));
    // (json! sorts object keys, so "icb" comes first here.)
    let mut split = plan.schemes[1].commissioners.clone();
    split.sort();
    assert_eq!(
        split,
        vec![
            (0, Weight::from_millionths(25_000_000)),
            (1, Weight::from_millionths(75_000_000))
        ]
    );
    assert_eq!(plan.instalments, 12);
    assert_eq!(plan.contracts[0].start.to_string(), "2025-04-01");
}

#[test]
fn without_risk_share_every_scheme_is_in_one_pro_rata_pool() {
    let mut plan = base();
    plan.as_object_mut().unwrap().remove("risk_share");
    let plan = check(&plan).unwrap();
    assert_eq!(plan.groups.len(), 1);
    assert_eq!(plan.groups[0].id, IMPLICIT_GROUP);
    assert_eq!(plan.groups[0].overspend, Rule::ProRataContributions);
    assert!(plan.schemes.iter().all(|s| s.group == 0));
}

#[test]
fn reports_amounts_with_their_paths() {
    assert_eq!(
        errors_after(|p| p["streams"][0]["amount"] = json!("10.001")),
        one(Code::Amount, "streams[0].amount")
    );
    assert_eq!(
        errors_after(|p| p["schemes"][0]["forecast"] = json!("-1")),
        one(Code::Amount, "schemes[0].forecast")
    );
    // A JSON number is judged by its exact text: an exponent is refused, 0.1 is read exactly.
    let text = base()
        .to_string()
        .replace(r#""forecast":"1200.00""#, r#""forecast":1.2e3"#);
    let errors = validate(&read_plan(&text).unwrap()).unwrap_err();
    assert_eq!(
        (errors[0].code, errors[0].path.as_str()),
        (Code::Amount, "schemes[0].forecast")
    );
    let text = base()
        .to_string()
        .replace(r#""forecast":"1200.00""#, r#""forecast":1200.1"#);
    assert_eq!(
        validate(&read_plan(&text).unwrap()).unwrap().schemes[0].forecast,
        Money::from_pence(120_010)
    );
    assert_eq!(
        errors_after(|p| p["contracts"][0]["value"] = json!("1,000.00")),
        one(Code::Amount, "contracts[0].value")
    );
    assert_eq!(
        errors_after(|p| p["schemes"][1]["funding"][0]["amount"] = json!("100000000000.01")),
        one(Code::Amount, "schemes[1].funding[0].amount")
    );
}

#[test]
fn totals_over_the_limit_are_refused() {
    let found = errors_after(|p| {
        p["streams"][0]["amount"] = json!("100000000000.00");
        p["streams"][1]["amount"] = json!("100000000000.00");
    });
    assert_eq!(found, one(Code::Amount, "streams"));
}

#[test]
fn reports_years_ids_and_references() {
    assert_eq!(
        errors_after(|p| p["financial_year"] = json!("2025/26")),
        one(Code::Year, "financial_year")
    );
    assert_eq!(errors_after(|p| p["partners"][1]["id"] = json!("la")), {
        // The stream and scheme that named "icb" now point nowhere as well.
        let mut v = vec![
            (Code::DuplicateId, "partners[1].id".to_owned()),
            (
                Code::UnknownRef,
                "schemes[1].commissioner.joint.icb".to_owned(),
            ),
            (Code::UnknownRef, "streams[0].partner".to_owned()),
        ];
        v.sort();
        v
    });
    assert_eq!(
        errors_after(|p| p["host"] = json!("nhs")),
        one(Code::UnknownRef, "host")
    );
    assert_eq!(
        errors_after(|p| p["schemes"][0]["group"] = json!("other")),
        one(Code::UnknownRef, "schemes[0].group")
    );
    assert_eq!(
        errors_after(|p| p["contracts"][0]["scheme"] = json!("S9")),
        one(Code::UnknownRef, "contracts[0].scheme")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]
            .as_object_mut()
            .unwrap()
            .remove("default_group")
            .map(drop)
            .unwrap_or(())),
        {
            let mut v = vec![
                (Code::UnknownRef, "schemes[0].group".to_owned()),
                (Code::UnknownRef, "schemes[1].group".to_owned()),
            ];
            v.sort();
            v
        }
    );
}

#[test]
fn joint_splits_must_be_exactly_one_hundred() {
    assert_eq!(
        errors_after(|p| p["schemes"][1]["commissioner"] =
            json!({"joint": {"la": "25", "icb": "74.999999"}})),
        one(Code::JointSplit, "schemes[1].commissioner")
    );
    assert_eq!(
        errors_after(|p| p["schemes"][1]["commissioner"] =
            json!({"joint": {"la": "25", "icb": "75.0000001"}})),
        one(Code::Weight, "schemes[1].commissioner.joint.icb")
    );
    // Exact decimals: 33.333333 + 33.333334 + 33.333333 is exactly 100.
    let mut plan = base();
    plan["partners"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "icb2", "name": "ICB 2", "kind": "icb"}));
    plan["schemes"][1]["commissioner"] =
        json!({"joint": {"la": "33.333333", "icb": "33.333334", "icb2": "33.333333"}});
    assert!(check(&plan).is_ok());
}

#[test]
fn overfunded_streams_are_named() {
    let mut plan = base();
    plan["streams"][0]["amount"] = json!("999.99");
    let errors = check(&plan).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].code, errors[0].path.as_str()),
        (Code::Overfunded, "streams[0]")
    );
    assert!(
        errors[0].message.contains("£999.99") && errors[0].message.contains("£1,000.00"),
        "{}",
        errors[0].message
    );
}

#[test]
fn rules_are_checked() {
    assert_eq!(
        errors_after(
            |p| p["risk_share"]["groups"][0]["overspend"] = json!({"method": "carry_forward"})
        ),
        one(Code::Rule, "risk_share.groups[0].overspend")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["overspend"] =
            json!({"method": "fixed", "shares": {"la": "0", "icb": "0"}})),
        one(Code::Weight, "risk_share.groups[0].overspend.shares")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["overspend"] =
            json!({"method": "fixed", "shares": {"nhs": "1"}})),
        one(
            Code::UnknownRef,
            "risk_share.groups[0].overspend.shares.nhs"
        )
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["overspend"] = json!({"method": "fixed"})),
        one(Code::Format, "risk_share.groups[0].overspend")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["overspend"] =
            json!({"method": "host", "shares": {"la": "1"}})),
        one(Code::Format, "risk_share.groups[0].overspend.shares")
    );
    let tiered = |bands: Value| {
        move |p: &mut Value| {
            p["risk_share"]["groups"][0]["overspend"] = json!({"method": "tiered", "bands": bands})
        }
    };
    let o = "risk_share.groups[0].overspend";
    assert_eq!(
        errors_after(tiered(
            json!([{"up_to": "100.00", "rule": {"method": "host"}}])
        )),
        one(Code::Rule, &format!("{o}.bands[0].up_to"))
    );
    assert_eq!(
        errors_after(tiered(
            json!([{"rule": {"method": "host"}}, {"rule": {"method": "host"}}])
        )),
        one(Code::Rule, &format!("{o}.bands[0]"))
    );
    assert_eq!(
        errors_after(tiered(
            json!([{"up_to": "100.00", "rule": {"method": "host"}}, {"up_to": "100.00", "rule": {"method": "host"}}, {"rule": {"method": "host"}}])
        )),
        one(Code::Rule, &format!("{o}.bands[1].up_to"))
    );
    assert_eq!(
        errors_after(tiered(
            json!([{"up_to": "0", "rule": {"method": "host"}}, {"rule": {"method": "host"}}])
        )),
        one(Code::Rule, &format!("{o}.bands[0].up_to"))
    );
    assert_eq!(
        errors_after(tiered(
            json!([{"up_to": "5", "rule": {"method": "tiered", "bands": []}}, {"rule": {"method": "carry_forward"}}])
        )),
        vec![
            (Code::Rule, format!("{o}.bands[0].rule")),
            (Code::Rule, format!("{o}.bands[1].rule"))
        ]
    );
    assert_eq!(
        errors_after(tiered(json!([]))),
        one(Code::Rule, &format!("{o}.bands"))
    );
}

#[test]
fn caps_and_group_hosts_are_checked() {
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["caps"] = json!({"icb": "-5"})),
        one(Code::Amount, "risk_share.groups[0].caps.icb")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["caps"] = json!({"council": "5"})),
        one(Code::UnknownRef, "risk_share.groups[0].caps.council")
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["host"] = json!("x")),
        one(Code::UnknownRef, "risk_share.groups[0].host")
    );
    let plan = {
        let mut p = base();
        p["risk_share"]["groups"][0]["caps"] = json!({"icb": "5"});
        p["risk_share"]["groups"][0]["host"] = json!("icb");
        check(&p).unwrap()
    };
    assert_eq!(
        plan.groups[0].caps,
        vec![None, Some(Money::from_pence(500))]
    );
    assert_eq!(plan.groups[0].host, 1);
}

#[test]
fn contract_dates_must_be_real_and_in_order() {
    assert_eq!(
        errors_after(|p| p["contracts"][0]["start"] = json!("2025-02-30")),
        one(Code::Date, "contracts[0].start")
    );
    assert_eq!(
        errors_after(|p| p["contracts"][0]["end"] = json!("2026-3-31")),
        one(Code::Date, "contracts[0].end")
    );
    assert_eq!(
        errors_after(|p| p["contracts"][0]["end"] = json!("2025-03-31")),
        one(Code::Date, "contracts[0].end")
    );
}

#[test]
fn structural_limits_are_format_errors() {
    assert_eq!(
        errors_after(|p| p["instalments"] = json!(3)),
        one(Code::Format, "instalments")
    );
    assert_eq!(errors_after(|p| p["partners"] = json!([])), {
        let mut v = vec![
            (Code::Format, "partners".to_owned()),
            (Code::UnknownRef, "host".to_owned()),
            (Code::UnknownRef, "schemes[0].commissioner".to_owned()),
            (
                Code::UnknownRef,
                "schemes[1].commissioner.joint.icb".to_owned(),
            ),
            (
                Code::UnknownRef,
                "schemes[1].commissioner.joint.la".to_owned(),
            ),
            (Code::UnknownRef, "streams[0].partner".to_owned()),
            (Code::UnknownRef, "streams[1].partner".to_owned()),
        ];
        v.sort();
        v
    });
    assert_eq!(errors_after(|p| p["streams"][0]["id"] = json!("")), {
        let mut v = vec![
            (Code::DuplicateId, "streams[0].id".to_owned()),
            (Code::UnknownRef, "schemes[0].funding[0].stream".to_owned()),
            (Code::UnknownRef, "schemes[1].funding[0].stream".to_owned()),
        ];
        v.sort();
        v
    });
}

#[test]
fn every_error_is_reported_in_one_pass() {
    let found = errors_after(|p| {
        p["financial_year"] = json!("2025-27");
        p["streams"][1]["amount"] = json!("abc");
        p["schemes"][0]["funding"][0]["stream"] = json!("nope");
        p["contracts"][0]["start"] = json!("soon");
        p["risk_share"]["groups"][0]["underspend"] =
            json!({"method": "fixed", "shares": {"la": "-1"}});
    });
    let codes: Vec<Code> = found.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes,
        vec![
            Code::Year,
            Code::Amount,
            Code::Weight,
            Code::UnknownRef,
            Code::Date
        ]
    );
}

#[test]
fn repeated_partner_ids_are_reported_not_a_crash() {
    // Positions can run past the number of distinct ids; every per-partner table must still fit.
    let found = errors_after(|p| {
        p["partners"] = json!([
            {"id": "la", "name": "Council", "kind": "council"},
            {"id": "la", "name": "Council again", "kind": "council"},
            {"id": "icb", "name": "ICB", "kind": "icb"}
        ]);
        p["risk_share"]["groups"][0]["overspend"] =
            json!({"method": "fixed", "shares": {"icb": "1"}});
        p["risk_share"]["groups"][0]["caps"] = json!({"icb": "1.00"});
    });
    assert_eq!(found, one(Code::DuplicateId, "partners[1].id"));
}

// ---------------------------------------------------------------------------------------------
// Optional features (spec §2.2): reserves, aligned budgets, netting sets, stated and agreed
// amounts
// ---------------------------------------------------------------------------------------------

/// The base plan with two more groups, "second" and "third", sharing by host.
fn with_groups(p: &mut Value) {
    let groups = p["risk_share"]["groups"].as_array_mut().unwrap();
    for (id, name) in [("second", "Second pool"), ("third", "Third pool")] {
        groups.push(json!({"id": id, "name": name,
            "overspend": {"method": "host"}, "underspend": {"method": "host"}}));
    }
}

/// The errors (code, path, message) for a plan changed by `edit`, sorted by code and path.
fn findings_after(edit: impl FnOnce(&mut Value)) -> Vec<(Code, String, String)> {
    let mut plan = base();
    edit(&mut plan);
    let mut found: Vec<_> = check(&plan)
        .expect_err("plan should fail")
        .into_iter()
        .map(|f| (f.code, f.path, f.message))
        .collect();
    found.sort();
    found
}

/// The one error of a plan changed by `edit`: its code, path and message.
fn only_error(edit: impl FnOnce(&mut Value)) -> (Code, String, String) {
    let found = findings_after(edit);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

/// Asserts that a message is a sentence naming each of `words`.
fn says(message: &str, words: &[&str]) {
    assert!(
        message.ends_with('.') && message.chars().next().is_some_and(char::is_uppercase),
        "not a sentence: {message}"
    );
    for word in words {
        assert!(message.contains(word), "'{message}' does not name {word}");
    }
}

#[test]
fn a_valid_plan_may_use_every_optional_feature() {
    let mut p = base();
    with_groups(&mut p);
    p["risk_share"]["groups"][0]["opening_reserve"] = json!("250.50");
    p["risk_share"]["groups"][1]["opening_reserve"] = json!("0.00");
    p["risk_share"]["groups"][1]["settle"] = json!(true);
    p["risk_share"]["groups"][2]["settle"] = json!(false);
    p["risk_share"]["groups"][2]["per_scheme"] = json!(true);
    p["risk_share"]["offsets"] = json!([["second", "main"]]);
    p["risk_share"]["groups"][0]["overspend"] =
        json!({"method": "pro_rata_amounts", "amounts": {"icb": "300.00", "la": "100"}});
    p["risk_share"]["groups"][0]["underspend"] =
        json!({"method": "agreed", "amounts": {"icb": "0.00", "la": "0"}});
    p["risk_share"]["groups"][1]["overspend"] = json!({"method": "tiered", "bands": [
        {"up_to": "10.00", "rule": {"method": "pro_rata_amounts", "amounts": {"la": "1"}}},
        {"rule": {"method": "host"}}]});
    p["risk_share"]["groups"][1]["underspend"] = json!({"method": "agreed", "amounts": {}});
    let plan = check(&p).unwrap();
    let g = &plan.groups;
    assert_eq!(g[0].opening_reserve, Some(Money::from_pence(25_050)));
    assert_eq!(g[1].opening_reserve, Some(Money::ZERO));
    assert_eq!(g[2].opening_reserve, None);
    assert_eq!([g[0].settle, g[1].settle, g[2].settle], [true, true, false]);
    // Netting sets hold group positions, in the order written.
    assert_eq!(plan.offsets, vec![vec![1, 0]]);
    // Amounts are in partner order (la, icb), absent partners zero.
    assert_eq!(
        g[0].overspend,
        Rule::ProRataAmounts(vec![Money::from_pence(10_000), Money::from_pence(30_000)])
    );
    // An agreed rule may be all zero: the board agreed that no partner pays or is paid.
    assert_eq!(g[0].underspend, Rule::Agreed(vec![Money::ZERO; 2]));
    assert_eq!(g[1].underspend, Rule::Agreed(vec![Money::ZERO; 2]));
    let Rule::Tiered(bands) = &g[1].overspend else {
        panic!("tiered: {:?}", g[1].overspend)
    };
    assert_eq!(
        bands[0].rule,
        Rule::ProRataAmounts(vec![Money::from_pence(100), Money::ZERO])
    );
    // Without the features, a plan has none.
    let plan = check(&base()).unwrap();
    assert!(plan.offsets.is_empty());
    assert!(plan.groups[0].settle && plan.groups[0].opening_reserve.is_none());
}

#[test]
fn a_reserve_belongs_to_a_whole_group_and_is_not_negative() {
    let (code, path, message) = only_error(|p| {
        p["risk_share"]["groups"][0]["per_scheme"] = json!(true);
        p["risk_share"]["groups"][0]["opening_reserve"] = json!("100.00");
    });
    assert_eq!(
        (code, path.as_str()),
        (Code::Rule, "risk_share.groups[0].opening_reserve")
    );
    says(&message, &["Main", "per scheme", "reserve"]);

    let (code, path, message) =
        only_error(|p| p["risk_share"]["groups"][0]["opening_reserve"] = json!("-0.01"));
    assert_eq!(
        (code, path.as_str()),
        (Code::Amount, "risk_share.groups[0].opening_reserve")
    );
    says(
        &message,
        &["opening reserve", "Main", "-0.01", "zero or more"],
    );
    assert_eq!(
        errors_after(|p| p["risk_share"]["groups"][0]["opening_reserve"] = json!("1.001")),
        one(Code::Amount, "risk_share.groups[0].opening_reserve")
    );
}

#[test]
fn netting_sets_are_checked() {
    let offsets = |sets: Value| {
        move |p: &mut Value| {
            with_groups(p);
            p["risk_share"]["offsets"] = sets;
        }
    };
    // A group in two sets: the second naming is the error.
    let (code, path, message) = only_error(offsets(json!([["main", "second"], ["third", "main"]])));
    assert_eq!(
        (code, path.as_str()),
        (Code::Rule, "risk_share.offsets[1][1]")
    );
    says(&message, &["Main", "more than once"]);
    // A group twice in one set.
    assert_eq!(
        errors_after(offsets(json!([["main", "second", "main"]]))),
        one(Code::Rule, "risk_share.offsets[0][2]")
    );
    // Fewer than two different groups: the set is the error.
    let (code, path, message) = only_error(offsets(json!([["main", "second"], ["third"]])));
    assert_eq!((code, path.as_str()), (Code::Rule, "risk_share.offsets[1]"));
    says(&message, &["Netting set 2", "two different groups"]);
    assert_eq!(
        errors_after(offsets(json!([[]]))),
        one(Code::Rule, "risk_share.offsets[0]")
    );
    // An aligned budget cannot be netted.
    let (code, path, message) = only_error(|p| {
        with_groups(p);
        p["risk_share"]["groups"][2]["settle"] = json!(false);
        p["risk_share"]["offsets"] = json!([["main", "third"]]);
    });
    assert_eq!(
        (code, path.as_str()),
        (Code::Rule, "risk_share.offsets[0][1]")
    );
    says(&message, &["Third pool", "aligned budget"]);
    // A group that does not exist.
    let (code, path, message) = only_error(offsets(json!([["main", "nowhere"]])));
    assert_eq!(
        (code, path.as_str()),
        (Code::UnknownRef, "risk_share.offsets[0][1]")
    );
    says(&message, &["Netting set 1", "nowhere"]);
}

#[test]
fn netting_sets_and_settle_of_the_wrong_shape_are_format_errors() {
    for sets in [
        json!(["main", "second"]),
        json!("main"),
        json!([["main", 2]]),
        json!({"main": "second"}),
    ] {
        let found = errors_after(|p| {
            with_groups(p);
            p["risk_share"]["offsets"] = sets.clone();
        });
        assert_eq!(found.len(), 1, "{sets}: {found:?}");
        assert_eq!(found[0].0, Code::Format, "{sets}: {found:?}");
        assert!(
            found[0].1.starts_with("risk_share.offsets"),
            "{sets}: {found:?}"
        );
    }
    for settle in [json!("false"), json!(0), json!("no")] {
        let found = errors_after(|p| p["risk_share"]["groups"][0]["settle"] = settle.clone());
        assert_eq!(
            found,
            one(Code::Format, "risk_share.groups[0].settle"),
            "settle {settle}"
        );
    }
}

#[test]
fn stated_and_agreed_amounts_are_checked() {
    let o = "risk_share.groups[0].overspend";
    let rule = |rule: Value| move |p: &mut Value| p["risk_share"]["groups"][0]["overspend"] = rule;
    // An agreed split applies to a whole overspend or underspend, never to a band.
    let (code, path, message) = only_error(rule(json!({"method": "tiered", "bands": [
        {"up_to": "10.00", "rule": {"method": "agreed", "amounts": {"la": "5.00"}}},
        {"rule": {"method": "host"}}]})));
    assert_eq!((code, path), (Code::Rule, format!("{o}.bands[0].rule")));
    says(&message, &["Main", "agreed"]);
    // `amounts` is required by both methods, and belongs to no other.
    for method in ["agreed", "pro_rata_amounts"] {
        let (code, path, message) = only_error(rule(json!({"method": method})));
        assert_eq!((code, path.as_str()), (Code::Format, o), "{method}");
        says(&message, &["Main", "amounts"]);
    }
    for method in ["host", "pro_rata_contributions", "fixed"] {
        let mut doc = json!({"method": method, "amounts": {"la": "1.00"}});
        if method == "fixed" {
            doc["shares"] = json!({"la": "1"});
        }
        assert_eq!(
            errors_after(rule(doc)),
            one(Code::Format, &format!("{o}.amounts")),
            "{method}"
        );
    }
    // Each amount is zero or more, and names a partner.
    for method in ["agreed", "pro_rata_amounts"] {
        let (code, path, message) = only_error(rule(
            json!({"method": method, "amounts": {"la": "-5.00", "icb": "10.00"}}),
        ));
        assert_eq!(
            (code, path),
            (Code::Amount, format!("{o}.amounts.la")),
            "{method}"
        );
        says(&message, &["la", "Main", "-5.00"]);
        let (code, path, message) = only_error(rule(
            json!({"method": method, "amounts": {"la": "5.00", "nhs": "10.00"}}),
        ));
        assert_eq!(
            (code, path),
            (Code::UnknownRef, format!("{o}.amounts")),
            "{method}"
        );
        says(&message, &["Main", "nhs"]);
    }
    // Stated amounts that are all zero give no proportion to share by; agreed ones may.
    let (code, path, message) = only_error(rule(
        json!({"method": "pro_rata_amounts", "amounts": {"la": "0.00", "icb": "0"}}),
    ));
    assert_eq!((code, path), (Code::Weight, format!("{o}.amounts")));
    says(&message, &["Main", "zero"]);
    assert_eq!(
        errors_after(rule(json!({"method": "pro_rata_amounts", "amounts": {}}))),
        one(Code::Weight, &format!("{o}.amounts"))
    );
    let mut p = base();
    rule(json!({"method": "agreed", "amounts": {"la": "0.00", "icb": "0"}}))(&mut p);
    assert_eq!(
        check(&p).unwrap().groups[0].overspend,
        Rule::Agreed(vec![Money::ZERO; 2])
    );
    // Amounts that are not an object of amounts do not read.
    for amounts in [json!(["5.00"]), json!("5.00"), json!({"la": true})] {
        let found = errors_after(rule(
            json!({"method": "agreed", "amounts": amounts.clone()}),
        ));
        assert_eq!(found.len(), 1, "{amounts}: {found:?}");
        assert_eq!(found[0].0, Code::Format, "{amounts}: {found:?}");
        assert!(
            found[0].1.starts_with(&format!("{o}.amounts")),
            "{amounts}: {found:?}"
        );
    }
}

#[test]
fn misspelt_optional_fields_are_format_errors() {
    let found = errors_after(|p| p["risk_share"]["groups"][0]["opening_reserves"] = json!("1.00"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Code::Format);
    assert!(found[0].1.starts_with("risk_share.groups[0]"), "{found:?}");
    for (edit, place) in [
        (
            (|p: &mut Value| p["risk_share"]["groups"][0]["settled"] = json!(false))
                as fn(&mut Value),
            "risk_share.groups[0]",
        ),
        (
            |p: &mut Value| p["risk_share"]["offset"] = json!([["main", "main"]]),
            "risk_share",
        ),
        (
            |p: &mut Value| {
                p["risk_share"]["groups"][0]["overspend"] =
                    json!({"method": "agreed", "amount": {"la": "1.00"}})
            },
            "risk_share.groups[0].overspend",
        ),
    ] {
        let found = errors_after(edit);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::Format, "{found:?}");
        assert!(found[0].1.starts_with(place), "{found:?}");
    }
}

#[test]
fn every_optional_feature_error_is_reported_in_one_pass() {
    let o = |g: usize| format!("risk_share.groups[{g}].overspend");
    let found = errors_after(|p| {
        with_groups(p);
        let groups = &mut p["risk_share"]["groups"];
        groups[0]["per_scheme"] = json!(true);
        groups[0]["opening_reserve"] = json!("10.00");
        groups[1]["opening_reserve"] = json!("-10.00");
        groups[2]["settle"] = json!(false);
        groups[0]["overspend"] = json!({"method": "tiered", "bands": [
            {"up_to": "10.00", "rule": {"method": "agreed", "amounts": {"la": "1.00"}}},
            {"rule": {"method": "host"}}]});
        groups[0]["underspend"] = json!({"method": "agreed"});
        groups[1]["overspend"] = json!({"method": "host", "amounts": {"la": "1.00"}});
        groups[1]["underspend"] =
            json!({"method": "agreed", "amounts": {"la": "-1.00", "nhs": "2.00"}});
        groups[2]["overspend"] = json!({"method": "pro_rata_amounts", "amounts": {"la": "0"}});
        p["risk_share"]["offsets"] = json!([
            ["main", "third"],
            ["second", "main", "second"],
            ["nowhere", "nowhere"],
            ["second"]
        ]);
    });
    let mut expected = vec![
        (
            Code::Rule,
            "risk_share.groups[0].opening_reserve".to_owned(),
        ),
        (
            Code::Amount,
            "risk_share.groups[1].opening_reserve".to_owned(),
        ),
        (Code::Rule, format!("{}.bands[0].rule", o(0))),
        (Code::Format, "risk_share.groups[0].underspend".to_owned()),
        (Code::Format, format!("{}.amounts", o(1))),
        (
            Code::Amount,
            "risk_share.groups[1].underspend.amounts.la".to_owned(),
        ),
        (
            Code::UnknownRef,
            "risk_share.groups[1].underspend.amounts".to_owned(),
        ),
        (Code::Weight, format!("{}.amounts", o(2))),
        // The aligned budget in the first set.
        (Code::Rule, "risk_share.offsets[0][1]".to_owned()),
        // "main" again, in a second set; "second" twice in one.
        (Code::Rule, "risk_share.offsets[1][1]".to_owned()),
        (Code::Rule, "risk_share.offsets[1][2]".to_owned()),
        // An unknown group, named twice, which is also only one group.
        (Code::UnknownRef, "risk_share.offsets[2][0]".to_owned()),
        (Code::UnknownRef, "risk_share.offsets[2][1]".to_owned()),
        (Code::Rule, "risk_share.offsets[2]".to_owned()),
        // A set of one group, already named in an earlier set.
        (Code::Rule, "risk_share.offsets[3]".to_owned()),
        (Code::Rule, "risk_share.offsets[3][0]".to_owned()),
    ];
    expected.sort();
    assert_eq!(found, expected);
}
