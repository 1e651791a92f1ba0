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
