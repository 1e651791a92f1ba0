//! The national set: one plan per Health and Wellbeing Board area, 153 of them, each with one
//! council and one to three ICBs, 20 to 150 schemes, and the same four kinds of risk share as the
//! benchmark pool.

use serde_json::Value;

use super::pool::{Partner, Shape, plan};
use super::random::Random;

/// How many pools the national set has: one per Health and Wellbeing Board.
pub const NATIONAL_POOLS: usize = 153;

/// The 153 plans, in order; always the same.
pub fn national() -> Vec<Value> {
    let mut random = Random::new(0x4E41_5449_4F4E);
    (0..NATIONAL_POOLS)
        .map(|i| {
            let area = format!("Area {:03}", i + 1);
            let icbs = random.between(1, 3) as usize;
            let mut partners: Vec<Partner> =
                vec![("council".into(), format!("{area} Council"), "council")];
            for k in 1..=icbs {
                partners.push((format!("icb-{k}"), format!("{area} ICB {k}"), "icb"));
            }
            let streams = partners.len() * 3;
            plan(&Shape {
                name: format!("{area} Better Care Fund 2025-26"),
                area,
                partners,
                streams,
                schemes: random.between(20, 150) as usize,
                seed: random.next(),
            })
        })
        .collect()
}
