//! Generated plans. The benchmark pool is shaped like the largest real ones: 12 partners (a host
//! council, three more councils, seven ICBs and one other body), 40 funding streams, and four
//! risk-share groups that between them use every kind of rule: pro rata to contributions with
//! caps; per scheme, pro rata to what each partner commissions, capped at contribution; tiered
//! overspends with underspends carried forward; and a group with a host of its own. One contract
//! per five schemes. The national set uses the same builder with fewer partners.

use chrono::{Days, NaiveDate};
use serde_json::{Map, Value, json};

use super::random::Random;
use super::{amount, name_of, pounds};
use pooled_core::plan::kinds::{AreaOfSpend, ProviderKind, SchemeType, StreamKind};

const GROUPS: [&str; 4] = ["core", "own", "dfg", "hosted"];

/// A partner: id, name and kind (`council`, `icb` or `other`).
pub(super) type Partner = (String, String, &'static str);

/// The 12 partners of the large pool; the first hosts it: four councils, seven ICBs (the first
/// named for two places) and a community trust.
fn twelve_partners() -> Vec<Partner> {
    let councils = [
        "Northbrook Council",
        "Eastmoor District Council",
        "Westdale District Council",
        "Southfield Borough Council",
    ];
    let icbs = [
        "Northbrook and Dales",
        "Eastmoor",
        "Westdale",
        "Southfield",
        "Riverside",
        "Hillcrest",
        "Coastal",
    ];
    let numbered = |prefix: &str, k: usize| format!("{prefix}-{}", k + 1);
    let councils = councils
        .iter()
        .enumerate()
        .map(|(k, name)| (numbered("council", k), name.to_string(), "council"));
    let icbs = icbs
        .iter()
        .enumerate()
        .map(|(k, place)| (numbered("icb", k), format!("{place} ICB"), "icb"));
    let trust = (
        "trust-1".to_owned(),
        "Northbrook Community Health Trust".to_owned(),
        "other",
    );
    councils.chain(icbs).chain([trust]).collect()
}

/// What a generated plan looks like: its partners (the first is the host), how many streams
/// and schemes, and the seed that makes it.
pub(super) struct Shape {
    pub name: String,
    pub area: String,
    pub partners: Vec<Partner>,
    pub streams: usize,
    pub schemes: usize,
    pub seed: u64,
}

/// A plan (`pooled-plan/1`, as a JSON value) with `schemes` schemes, 12 partners and 40
/// streams; the same size gives the same plan. Funding lines are £10,000 to £500,000 each, so
/// even 100,000 schemes stay within the spec's £100bn limits.
pub fn pool(schemes: usize) -> Value {
    plan(&Shape {
        name: format!("Benchmark pool, {schemes} schemes"),
        area: "Northbrook and district".into(),
        partners: twelve_partners(),
        streams: 40,
        schemes,
        seed: 0x5EED_0000 ^ schemes as u64,
    })
}

/// The plan of a shape.
pub(super) fn plan(shape: &Shape) -> Value {
    let mut random = Random::new(shape.seed);
    let width = shape.schemes.max(1).to_string().len();
    let mut funded = vec![0i64; shape.streams];
    let mut budgets = Vec::with_capacity(shape.schemes);
    let mut scheme_docs = Vec::with_capacity(shape.schemes);
    for s in 0..shape.schemes {
        let (doc, budget) = scheme(shape, s, width, &mut random, &mut funded);
        budgets.push(budget);
        scheme_docs.push(doc);
    }
    let core_budget: i64 = budgets.iter().step_by(GROUPS.len()).sum();
    let contracts: Vec<Value> = (0..shape.schemes)
        .step_by(5)
        .map(|s| contract(s, width, budgets[s], &mut random))
        .collect();
    let partners = &shape.partners;
    json!({
        "format": "pooled-plan/1",
        "name": shape.name,
        "area": shape.area,
        "financial_year": "2025-26",
        "partners": partners.iter().map(|(id, name, kind)| json!({"id": id, "name": name, "kind": kind})).collect::<Vec<_>>(),
        "host": partners[0].0,
        "streams": (0..shape.streams).map(|i| stream(partners, i, funded[i])).collect::<Vec<_>>(),
        "schemes": scheme_docs,
        "risk_share": risk_share(partners, core_budget),
        "requirements": {"nhs_min_social_care": amount(pounds(100_000)), "nhs_min_out_of_hospital": amount(pounds(100_000))},
        "contracts": contracts,
        "instalments": 4
    })
}

fn stream_kind(partners: &[Partner], i: usize) -> StreamKind {
    let round = i / partners.len();
    match partners[i % partners.len()].2 {
        "council" => [
            StreamKind::Ibcf,
            StreamKind::Dfg,
            StreamKind::LaDischarge,
            StreamKind::AdditionalLa,
        ][round % 4],
        "icb" => [
            StreamKind::NhsMinimum,
            StreamKind::IcbDischarge,
            StreamKind::AdditionalNhs,
        ][round % 3],
        _ => StreamKind::Other,
    }
}

/// Stream `i`, paid by partner `i` mod the number of partners: what its schemes draw, plus
/// £1,000 unallocated on every fifth stream.
fn stream(partners: &[Partner], i: usize, funded: i64) -> Value {
    let (id, name, _) = &partners[i % partners.len()];
    let unallocated = if i.is_multiple_of(5) {
        pounds(1_000)
    } else {
        0
    };
    json!({
        "id": format!("st-{:02}", i + 1),
        "name": format!("{name} stream {}", i / partners.len() + 1),
        "kind": name_of(&stream_kind(partners, i)),
        "partner": id,
        "amount": amount(funded + unallocated)
    })
}

/// Scheme `s`, its budget in pence; adds its funding lines to `funded`.
fn scheme(
    shape: &Shape,
    s: usize,
    width: usize,
    random: &mut Random,
    funded: &mut [i64],
) -> (Value, i64) {
    let streams = shape.streams;
    let partners = &shape.partners;
    let lines = 1 + (random.next() % 3).min(streams as u64 - 1) as usize;
    let mut funding = Vec::with_capacity(lines);
    let mut budget = 0;
    for k in 0..lines {
        // Consecutive streams from a starting one: never the same stream twice in a scheme.
        let stream = (s * 7 + k) % streams;
        let pence = random.between(pounds(10_000), pounds(500_000));
        funded[stream] += pence;
        budget += pence;
        funding.push(json!({"stream": format!("st-{:02}", stream + 1), "amount": amount(pence)}));
    }
    let forecast = budget + random.between(-budget / 10, budget / 10);
    let n = partners.len();
    let commissioner = if s.is_multiple_of(7) && n > 1 {
        let a = random.between(0, n as i64 - 1) as usize;
        let b = (a + 1 + random.between(0, n as i64 - 2) as usize) % n;
        let mut joint = Map::new();
        joint.insert(partners[a].0.clone(), json!("60"));
        joint.insert(partners[b].0.clone(), json!("40"));
        json!({"joint": joint})
    } else {
        json!(random.pick(partners).0)
    };
    let doc = json!({
        "id": format!("S{:0width$}", s + 1),
        "name": format!("Scheme {} – {}", s + 1, random.pick(&["home care", "reablement", "carers' breaks", "discharge to assess", "community equipment", "falls prevention"])),
        "type": name_of(&SchemeType::ALL[s % SchemeType::ALL.len()]),
        "area_of_spend": name_of(&AreaOfSpend::ALL[(s / 3) % AreaOfSpend::ALL.len()]),
        "commissioner": commissioner,
        "provider": name_of(&ProviderKind::ALL[(s / 5) % ProviderKind::ALL.len()]),
        "funding": funding,
        "forecast": amount(forecast),
        "group": GROUPS[s % GROUPS.len()]
    });
    (doc, budget)
}

/// The four groups. Caps fall on every fifth partner after the host; the fixed band is split
/// between the host, the first NHS partner and the last partner; the ICB-hosted group is hosted
/// by the first NHS partner.
fn risk_share(partners: &[Partner], core_budget: i64) -> Value {
    // Caps at 1% of the core group's budget bind in most forecasts, so capping rounds run.
    let cap = amount((core_budget / 100).max(pounds(1_000)));
    let caps: Map<String, Value> = partners
        .iter()
        .skip(1)
        .step_by(5)
        .map(|p| (p.0.clone(), cap.clone()))
        .collect();
    let host = &partners[0].0;
    let nhs = &partners
        .iter()
        .find(|p| p.2 == "icb")
        .unwrap_or(&partners[0])
        .0;
    let last = &partners[partners.len() - 1].0;
    let mut shares = Map::new();
    for (id, weight) in [(host, 50), (nhs, 35), (last, 15)] {
        let before = shares
            .get(id.as_str())
            .and_then(Value::as_str)
            .and_then(|w| w.parse::<i64>().ok())
            .unwrap_or(0);
        shares.insert(id.clone(), json!((before + weight).to_string()));
    }
    json!({
        "default_group": "core",
        "groups": [
            {"id": "core", "name": "Core pooled schemes",
             "overspend": {"method": "pro_rata_contributions"},
             "underspend": {"method": "pro_rata_contributions"},
             "caps": caps},
            {"id": "own", "name": "Schemes at each commissioner's own risk", "per_scheme": true,
             "overspend": {"method": "pro_rata_commissioned"},
             "underspend": {"method": "pro_rata_commissioned"},
             "cap_at_contribution": true},
            {"id": "dfg", "name": "Capital schemes",
             "overspend": {"method": "tiered", "bands": [
                 {"up_to": amount(pounds(250_000)), "rule": {"method": "host"}},
                 {"up_to": amount(pounds(1_000_000)), "rule": {"method": "fixed", "shares": shares}},
                 {"rule": {"method": "pro_rata_contributions"}}]},
             "underspend": {"method": "carry_forward"}},
            {"id": "hosted", "name": "Schemes hosted by an NHS partner", "host": nhs,
             "overspend": {"method": "host"},
             "underspend": {"method": "pro_rata_contributions"}}
        ]
    })
}

/// A contract on scheme `s`, starting somewhere between April 2024 and March 2026 and running
/// one to three years, worth 70% to 105% of the scheme's budget a year (so a few schemes are
/// overcommitted, as in real plans).
fn contract(s: usize, width: usize, budget: i64, random: &mut Random) -> Value {
    let base = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default();
    let start = base + Days::new(random.between(0, 729) as u64);
    let days = random.between(365, 1095);
    let end = start + Days::new(days as u64 - 1);
    let yearly = budget / 100 * random.between(70, 105);
    json!({
        "id": format!("C{:0width$}", s + 1),
        "name": format!("Contract for scheme {}", s + 1),
        "provider": format!("Provider {}", s % 97 + 1),
        "scheme": format!("S{:0width$}", s + 1),
        "value": amount(yearly / 365 * days),
        "start": start.to_string(),
        "end": end.to_string()
    })
}
