//! Turning the random choices of a [`RawPlan`] into plan JSON text that is valid by construction.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::strategies::{RawCommissioner, RawForecast, RawGroup, RawPlan, RawRule};
use crate::numbers::{money_text, raw, to_text, weight_text};

const PARTNER_IDS: [&str; 4] = ["council", "icb-north", "ccg 2", "trust.other"];
const PARTNER_KINDS: [&str; 4] = ["icb", "ccg", "council", "other"];
const STREAM_KINDS: [&str; 8] = [
    "nhs_minimum",
    "ibcf",
    "dfg",
    "la_discharge",
    "icb_discharge",
    "additional_la",
    "additional_nhs",
    "other",
];
const SCHEME_TYPES: [&str; 20] = [
    "assistive_technologies",
    "care_act_duties",
    "carers_services",
    "community_based_schemes",
    "dfg_related",
    "enablers_for_integration",
    "high_impact_change_model",
    "home_care",
    "housing_related",
    "integrated_care_planning",
    "bed_based_intermediate_care",
    "home_based_intermediate_care",
    "urgent_community_response",
    "personalised_budgeting",
    "personalised_care_at_home",
    "prevention_early_intervention",
    "residential_placements",
    "workforce_recruitment_retention",
    "risk_reserve",
    "other",
];
const AREAS: [&str; 7] = [
    "social_care",
    "community_health",
    "continuing_care",
    "primary_care",
    "mental_health",
    "acute",
    "other",
];
const PROVIDERS: [&str; 8] = [
    "local_authority",
    "nhs_community",
    "nhs_acute",
    "nhs_mental_health",
    "icb",
    "private_sector",
    "voluntary_sector",
    "other",
];

/// Turns the random choices into a plan document.
struct Builder<'a> {
    raw: &'a RawPlan,
    n: usize,
    /// Every amount is multiplied by this (1, or more to reach the limits).
    scale: i64,
}

impl Builder<'_> {
    fn partner(&self, i: usize) -> &'static str {
        PARTNER_IDS[i]
    }

    fn amount(&self, pence: i64) -> Value {
        let text = money_text(pence * self.scale, self.raw.style.trimmed);
        if self.raw.style.numbers {
            raw(&text)
        } else {
            Value::String(text)
        }
    }

    fn weight(&self, millionths: i64) -> Value {
        let text = weight_text(millionths);
        if self.raw.style.numbers {
            raw(&text)
        } else {
            Value::String(text)
        }
    }

    fn group_ids(&self) -> Vec<String> {
        match &self.raw.risk_share {
            Some(rs) => (0..rs.groups.len()).map(|g| format!("g{g}")).collect(),
            None => vec!["pool".to_owned()],
        }
    }

    fn has_default_group(&self) -> bool {
        self.raw
            .risk_share
            .as_ref()
            .is_none_or(|rs| rs.default_group.is_some())
    }

    fn commissioner(&self, c: &RawCommissioner) -> Value {
        match c {
            RawCommissioner::Alone(p) => json!(self.partner(p.index(self.n))),
            RawCommissioner::Joint {
                members,
                fallback,
                cuts,
                whole_percents,
            } => {
                let mut chosen: Vec<usize> = (0..self.n).filter(|p| members[*p]).collect();
                if chosen.is_empty() {
                    chosen.push(fallback.index(self.n));
                }
                let mut points: Vec<i64> = cuts[..chosen.len() - 1]
                    .iter()
                    .map(|c| {
                        if *whole_percents {
                            c / 1_000_000 * 1_000_000
                        } else {
                            *c
                        }
                    })
                    .collect();
                points.sort_unstable();
                points.insert(0, 0);
                points.push(100_000_000);
                let mut joint = Map::new();
                for (k, p) in chosen.iter().enumerate() {
                    let percent = points[k + 1] - points[k];
                    joint.insert(self.partner(*p).to_owned(), self.weight(percent));
                }
                json!({ "joint": joint })
            }
        }
    }

    fn rule(&self, rule: &RawRule) -> Value {
        match rule {
            RawRule::ProRataContributions => json!({"method": "pro_rata_contributions"}),
            RawRule::ProRataCommissioned => json!({"method": "pro_rata_commissioned"}),
            RawRule::Host => json!({"method": "host"}),
            RawRule::CarryForward => json!({"method": "carry_forward"}),
            RawRule::Fixed(shares) => {
                let mut weights: Vec<Option<i64>> = shares.weights[..self.n].to_vec();
                if weights.iter().all(|w| w.unwrap_or(0) == 0) {
                    weights[shares.fallback.index(self.n)] = Some(1_000_000);
                }
                let mut map = Map::new();
                for (p, w) in weights.iter().enumerate() {
                    if let Some(w) = w {
                        map.insert(self.partner(p).to_owned(), self.weight(*w));
                    }
                }
                json!({"method": "fixed", "shares": map})
            }
            RawRule::Tiered(bands) => {
                let mut threshold = 0;
                let written: Vec<Value> = bands
                    .iter()
                    .enumerate()
                    .map(|(b, band)| {
                        if b + 1 == bands.len() {
                            json!({"rule": self.rule(&band.rule)})
                        } else {
                            threshold += band.step;
                            json!({"up_to": self.amount(threshold), "rule": self.rule(&band.rule)})
                        }
                    })
                    .collect();
                json!({"method": "tiered", "bands": written})
            }
        }
    }

    fn group(&self, g: usize, group: &RawGroup) -> Value {
        let mut doc = json!({
            "id": format!("g{g}"),
            "name": format!("Group {g}"),
            "overspend": self.rule(&group.overspend),
            "underspend": self.rule(&group.underspend),
        });
        if let Some(host) = group.host {
            doc["host"] = json!(self.partner(host.index(self.n)));
        }
        if let Some(per_scheme) = group.per_scheme {
            doc["per_scheme"] = json!(per_scheme);
        }
        let caps: Map<String, Value> = group.caps[..self.n]
            .iter()
            .enumerate()
            .filter_map(|(p, cap)| Some((self.partner(p).to_owned(), self.amount((*cap)?))))
            .collect();
        if !caps.is_empty() {
            doc["caps"] = Value::Object(caps);
        }
        if let Some(at) = group.cap_at_contribution {
            doc["cap_at_contribution"] = json!(at);
        }
        doc
    }

    fn plan(&self) -> Value {
        let raw = self.raw;
        let stream_count = raw.streams.len();
        let group_ids = self.group_ids();
        let mut funded = vec![0i64; stream_count];
        let schemes: Vec<Value> = raw
            .schemes
            .iter()
            .enumerate()
            .map(|(s, scheme)| {
                let mut budget = 0;
                let funding: Vec<Value> = scheme
                    .funding
                    .iter()
                    .map(|line| {
                        let k = line.stream.index(stream_count);
                        funded[k] += line.amount;
                        budget += line.amount;
                        json!({"stream": format!("st{k}"), "amount": self.amount(line.amount)})
                    })
                    .collect();
                let mut doc = json!({
                    "id": format!("S{s}"),
                    "name": format!("Scheme {s}"),
                    "type": SCHEME_TYPES[scheme.scheme_type.index(SCHEME_TYPES.len())],
                    "area_of_spend": AREAS[scheme.area.index(AREAS.len())],
                    "commissioner": self.commissioner(&scheme.commissioner),
                    "provider": PROVIDERS[scheme.provider.index(PROVIDERS.len())],
                    "funding": funding,
                });
                let forecast = match scheme.forecast {
                    RawForecast::Absent => None,
                    RawForecast::Ratio(millionths) => Some(
                        i64::try_from(i128::from(budget) * i128::from(millionths) / 1_000_000)
                            .expect("at most twice a budget"),
                    ),
                    RawForecast::Nudge(pence) => Some((budget + pence).max(0)),
                    RawForecast::Absolute(pence) => Some(pence),
                };
                if let Some(forecast) = forecast {
                    doc["forecast"] = self.amount(forecast);
                }
                match scheme.group {
                    None if self.has_default_group() => {}
                    choice => {
                        let g = choice.map_or(0, |i| i.index(group_ids.len()));
                        doc["group"] = json!(group_ids[g]);
                    }
                }
                doc
            })
            .collect();
        let streams: Vec<Value> = raw
            .streams
            .iter()
            .enumerate()
            .map(|(k, stream)| {
                json!({
                    "id": format!("st{k}"),
                    "name": format!("Stream {k}"),
                    "kind": STREAM_KINDS[stream.kind.index(STREAM_KINDS.len())],
                    "partner": self.partner(stream.partner.index(self.n)),
                    "amount": self.amount(funded[k] + stream.unallocated),
                })
            })
            .collect();
        let partners: Vec<Value> = raw
            .partner_kinds
            .iter()
            .enumerate()
            .map(|(p, kind)| {
                json!({"id": self.partner(p), "name": format!("Partner {p}"), "kind": PARTNER_KINDS[*kind]})
            })
            .collect();
        let year = raw.start_year;
        let mut doc = json!({
            "format": "pooled-plan/1",
            "name": "Generated pool",
            "area": "Anywhere HWB",
            "financial_year": format!("{year}-{:02}", (year + 1) % 100),
            "partners": partners,
            "host": self.partner(raw.host.index(self.n)),
            "streams": streams,
            "schemes": schemes,
        });
        if let Some(rs) = &raw.risk_share {
            let groups: Vec<Value> = rs
                .groups
                .iter()
                .enumerate()
                .map(|(g, group)| self.group(g, group))
                .collect();
            let mut risk_share = json!({"groups": groups});
            if let Some(default) = rs.default_group {
                risk_share["default_group"] = json!(group_ids[default.index(group_ids.len())]);
            }
            doc["risk_share"] = risk_share;
        }
        if let Some(req) = &raw.requirements {
            let mut r = json!({});
            if let Some(pence) = req.social_care {
                r["nhs_min_social_care"] = self.amount(pence);
            }
            if let Some(pence) = req.out_of_hospital {
                r["nhs_min_out_of_hospital"] = self.amount(pence);
            }
            doc["requirements"] = r;
        }
        if !raw.contracts.is_empty() {
            let april = NaiveDate::from_ymd_opt(year, 4, 1).expect("1 April exists");
            let contracts: Vec<Value> = raw
                .contracts
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let start = april + chrono::Duration::days(c.start_offset);
                    let end = start + chrono::Duration::days(c.length);
                    json!({
                        "id": format!("C{i}"),
                        "name": format!("Contract {i}"),
                        "provider": "Acme Care Ltd",
                        "scheme": format!("S{}", c.scheme.index(raw.schemes.len())),
                        "value": self.amount(c.value),
                        "start": start.to_string(),
                        "end": end.to_string(),
                    })
                })
                .collect();
            doc["contracts"] = json!(contracts);
        }
        if let Some(n) = raw.instalments {
            doc["instalments"] = json!(n);
        }
        doc
    }
}

/// The plan's JSON text, every amount multiplied by `scale`.
pub(crate) fn plan_text(raw: &RawPlan, scale: i64) -> String {
    let builder = Builder {
        raw,
        n: raw.partner_kinds.len(),
        scale,
    };
    to_text(&builder.plan())
}
