//! Random JSON for the no-panic properties: the plan format's field names, texts and number
//! tokens, and strategies for values and whole documents.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

use crate::numbers::raw;

/// The field names of the plan format, and a few values it uses.
const FIELD_NAMES: &[&str] = &[
    "format",
    "name",
    "area",
    "financial_year",
    "partners",
    "id",
    "kind",
    "code",
    "host",
    "streams",
    "partner",
    "amount",
    "schemes",
    "type",
    "area_of_spend",
    "commissioner",
    "joint",
    "provider",
    "funding",
    "stream",
    "forecast",
    "group",
    "description",
    "risk_share",
    "default_group",
    "groups",
    "overspend",
    "underspend",
    "method",
    "shares",
    "bands",
    "up_to",
    "rule",
    "per_scheme",
    "caps",
    "cap_at_contribution",
    "requirements",
    "nhs_min_social_care",
    "nhs_min_out_of_hospital",
    "contracts",
    "scheme",
    "value",
    "start",
    "end",
    "instalments",
];

/// Text a plan might hold, right or wrong: amounts, weights, dates, years, ids, list values.
pub(super) const TEXTS: &[&str] = &[
    "pooled-plan/1",
    "pooled-plan/2",
    "",
    "0",
    "0.00",
    "-0",
    "-1",
    "-0.01",
    "12.345",
    "0.001",
    "99999999999.99",
    "100000000000.00",
    "100000000000.01",
    "99999999999999999999999999999999999999999",
    "1e5",
    "1E2",
    "-1e-2",
    "1.",
    ".5",
    "+1",
    " 1",
    "£5",
    "1,000",
    "NaN",
    "Infinity",
    "0000000000000000000001.00",
    "50",
    "33.333333",
    "33.3333333",
    "1000000",
    "1000000.000001",
    "100",
    "2025-26",
    "2024-25",
    "2025-27",
    "9998-99",
    "0000-01",
    "2025-04-01",
    "2026-03-31",
    "2024-02-29",
    "2025-02-29",
    "0000-01-01",
    "9999-12-31",
    "2025-13-01",
    "council",
    "icb",
    "ccg",
    "other",
    "main",
    "pool",
    "S1",
    "nhs_minimum",
    "social_care",
    "acute",
    "home_care",
    "pro_rata_contributions",
    "pro_rata_commissioned",
    "fixed",
    "host",
    "tiered",
    "carry_forward",
];

/// Number tokens as they might appear in a plan, written exactly.
pub(super) const NUMBER_TOKENS: &[&str] = &[
    "0",
    "-0",
    "1",
    "2",
    "3",
    "4",
    "12",
    "13",
    "-1",
    "4294967296",
    "99999999999.99",
    "100000000000.01",
    "-5.5",
    "1e5",
    "1E400",
    "-1e-400",
    "0.1234567",
    "33.333333",
    "123456789012345678901234567890.12",
    "18446744073709551616",
    "50",
    "100",
];

pub(super) fn json_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>().prop_map(|f| json!(f)),
        select(TEXTS).prop_map(|s| json!(s)),
        select(NUMBER_TOKENS).prop_map(raw),
        "\\PC{0,12}".prop_map(Value::String),
    ]
    .boxed()
}

pub(super) fn json_key() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(FIELD_NAMES).prop_map(str::to_owned),
        1 => "[a-z_]{0,10}",
        1 => select(TEXTS).prop_map(str::to_owned),
    ]
    .boxed()
}

pub(super) fn json_value() -> BoxedStrategy<Value> {
    json_leaf()
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((json_key(), inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A random top-level object, most often claiming to be a plan so reading goes further.
pub(crate) fn json_document() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((json_key(), json_value()), 0..10),
        prop::option::weighted(0.8, Just("pooled-plan/1")),
        json_value(),
        prop::bool::weighted(0.9),
    )
        .prop_map(|(members, format, other, object)| {
            if !object {
                return other;
            }
            let mut map: Map<String, Value> = members.into_iter().collect();
            if let Some(format) = format {
                map.insert("format".into(), json!(format));
            }
            Value::Object(map)
        })
}
