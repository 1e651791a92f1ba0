//! Any plan that evaluates gives a paper: random forecasts, rules, bands, caps and names on the
//! worked examples and the demo plan, in pounds and in £000, never fail or overflow a cell.

// The paper is laid out in points (f32), as PDF is: checking where text runs fall needs the
// same float arithmetic as the layout (money never goes through it).
#![allow(clippy::float_arithmetic)]

use proptest::prelude::*;
use serde_json::{Value, json};

use pooled_report::fonts::Fonts;
use pooled_report::layout::Mark;
use pooled_report::{PaperOptions, ReportError, Units, board_paper, from_plan_bytes, pages};
use pooled_testkit::fixtures::{EXAMPLES, demo_plan, example};
use pooled_testkit::property_config;

use crate::support::date;

/// The worked examples of the optional features (reserves, netting, aligned budgets, agreed
/// and stated amounts).
pub(crate) const FEATURE_EXAMPLES: [&str; 3] = [
    "reserve-and-offsets",
    "aligned-no-settlement",
    "agreed-and-amounts",
];

fn plans() -> Vec<Value> {
    let mut all: Vec<Value> = EXAMPLES
        .iter()
        .chain(FEATURE_EXAMPLES.iter().filter(|n| !EXAMPLES.contains(n)))
        .map(|n| serde_json::from_slice(&example(n)).unwrap())
        .collect();
    all.push(serde_json::from_slice(&demo_plan()).unwrap());
    all
}

fn rule(choice: u8, partners: &[String], weights: &[u32], overspend: bool) -> Value {
    let shares: serde_json::Map<String, Value> = partners
        .iter()
        .zip(weights.iter().cycle())
        .map(|(p, w)| (p.clone(), Value::String(w.to_string())))
        .collect();
    let amounts = |scale: u32| -> Value {
        partners
            .iter()
            .zip(weights.iter().cycle())
            .map(|(p, w)| (p.clone(), Value::String(format!("{}.00", w * scale))))
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    match choice % 8 {
        0 => json!({"method": "pro_rata_contributions"}),
        1 => json!({"method": "pro_rata_commissioned"}),
        2 => json!({"method": "host"}),
        3 => json!({"method": "fixed", "shares": shares}),
        4 if !overspend => json!({"method": "carry_forward"}),
        6 => json!({"method": "pro_rata_amounts", "amounts": amounts(1_000_000)}),
        7 => json!({"method": "agreed", "amounts": amounts(1_000)}),
        _ => json!({"method": "tiered", "bands": [
            {"up_to": "1000.00", "rule": {"method": "host"}},
            {"up_to": "50000.00", "rule": {"method": "fixed", "shares": shares}},
            {"rule": {"method": "pro_rata_contributions"}}
        ]}),
    }
}

#[derive(Debug, Clone)]
struct Changes {
    plan: usize,
    forecasts: Vec<(u8, i64)>,
    rules: Vec<(u8, u8, bool, bool)>,
    weights: Vec<u32>,
    caps: Vec<Option<i64>>,
    /// Per group: an opening reserve in pence (never on a per-scheme group), and whether it
    /// settles.
    features: Vec<(Option<i64>, bool)>,
    /// Net every group that settles against the others.
    net: bool,
    name: String,
    thousands: bool,
}

fn changes() -> impl Strategy<Value = Changes> {
    (
        0usize..16,
        proptest::collection::vec((0u8..4, 0i64..1_000_000_000_000), 1..60),
        proptest::collection::vec(
            (any::<u8>(), any::<u8>(), any::<bool>(), any::<bool>()),
            1..4,
        ),
        proptest::collection::vec(0u32..100, 1..4),
        proptest::collection::vec(proptest::option::of(0i64..100_000_000), 1..4),
        proptest::collection::vec(
            (
                proptest::option::of(0i64..1_000_000_000),
                proptest::bool::weighted(0.8),
            ),
            1..4,
        ),
        any::<bool>(),
        "[ -~£é–\u{4e00}]{0,120}",
        any::<bool>(),
    )
        .prop_map(
            |(plan, forecasts, rules, weights, caps, features, net, name, thousands)| Changes {
                plan,
                forecasts,
                rules,
                weights,
                caps,
                features,
                net,
                name,
                thousands,
            },
        )
}

fn apply(mut plan: Value, c: &Changes) -> Value {
    let partners: Vec<String> = plan["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    for (i, scheme) in plan["schemes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let (how, pence) = c.forecasts[i % c.forecasts.len()];
        let text = format!("{}.{:02}", pence / 100, pence % 100);
        match how {
            0 => scheme["forecast"] = Value::String(text),
            1 => scheme["forecast"] = Value::String("0".to_owned()),
            2 => {
                scheme.as_object_mut().unwrap().remove("forecast");
            }
            _ => {}
        }
    }
    if let Some(first) = plan["schemes"].as_array_mut().unwrap().first_mut() {
        first["name"] = Value::String(c.name.clone());
    }
    if let Some(groups) = plan
        .get_mut("risk_share")
        .and_then(|r| r.get_mut("groups"))
        .and_then(Value::as_array_mut)
    {
        for (g, group) in groups.iter_mut().enumerate() {
            let (over, under, per_scheme, at_contribution) = c.rules[g % c.rules.len()];
            group["overspend"] = rule(over, &partners, &c.weights, true);
            group["underspend"] = rule(under, &partners, &c.weights, false);
            group["per_scheme"] = Value::Bool(per_scheme);
            group["cap_at_contribution"] = Value::Bool(at_contribution);
            let caps: serde_json::Map<String, Value> = partners
                .iter()
                .zip(c.caps.iter().cycle())
                .filter_map(|(p, cap)| {
                    cap.map(|pence| {
                        (
                            p.clone(),
                            Value::String(format!("{}.{:02}", pence / 100, pence % 100)),
                        )
                    })
                })
                .collect();
            group["caps"] = Value::Object(caps);
            let (reserve, settle) = c.features[g % c.features.len()];
            let group = group.as_object_mut().unwrap();
            group.remove("opening_reserve");
            if let Some(pence) = reserve.filter(|_| !per_scheme) {
                group.insert(
                    "opening_reserve".to_owned(),
                    Value::String(format!("{}.{:02}", pence / 100, pence % 100)),
                );
            }
            group.insert("settle".to_owned(), Value::Bool(settle));
        }
        let settling: Vec<Value> = groups
            .iter()
            .filter(|g| g["settle"] == Value::Bool(true))
            .map(|g| g["id"].clone())
            .collect();
        let risk = plan["risk_share"].as_object_mut().unwrap();
        risk.remove("offsets");
        if c.net && settling.len() >= 2 {
            risk.insert("offsets".to_owned(), json!([settling]));
        }
    }
    plan
}

proptest! {
    #![proptest_config(property_config(40))]

    #[test]
    fn any_plan_that_evaluates_gives_a_paper(c in changes()) {
        let plans = plans();
        let plan = apply(plans[c.plan % plans.len()].clone(), &c);
        let bytes = serde_json::to_vec(&plan).unwrap();
        let input = match from_plan_bytes(&bytes, "Random", date()) {
            Ok(input) => input,
            Err(ReportError::InvalidPlan(_)) => return Ok(()),
            Err(other) => return Err(TestCaseError::fail(format!("{other}"))),
        };
        let options = PaperOptions { units: if c.thousands { Units::Thousands } else { Units::Pounds } };
        let pdf = board_paper(&input, &options);
        prop_assert!(pdf.is_ok(), "{:?}", pdf.err());
        let fonts = Fonts::get().unwrap();
        for page in pages(&input, &options).unwrap() {
            let printable = page.geometry.printable();
            for mark in &page.marks {
                if let Mark::Text { x, style, text, bounds, .. } = mark {
                    let right = x + fonts.width(text, style.face, style.size);
                    prop_assert!(*x >= bounds.x - 0.01 && right <= bounds.right() + 0.01, "'{}' overflows", text);
                    prop_assert!(printable.contains(bounds, 0.01), "'{}' off the page", text);
                }
            }
        }
    }
}
