//! Turning the random choices of a [`RawPlan`] into plan JSON text that is valid by construction.

use chrono::NaiveDate;
use pooled_core::allocation::allocate;
use pooled_core::money::{LIMIT_PENCE, Money};
use serde_json::{Map, Value, json};

use super::strategies::{
    RawAgreed, RawAgreedTotal, RawCommissioner, RawForecast, RawGroup, RawPlan, RawReserve,
    RawRule, RawScheme, RawShares,
};
use crate::numbers::{money_text, raw, to_text, weight_text};
use crate::reference::netting_offsets;

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

/// Which side of a group a rule is for.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Overspend,
    Underspend,
}

/// The figures that depend on the plan's units: reserves relative to an overspend, and agreed
/// amounts relative to the amount shared. In pence, already scaled.
#[derive(Default)]
struct Fill {
    /// Per group: the opening reserve of an [`RawReserve::OfOverspend`].
    reserves: Vec<Option<i64>>,
    /// Per group: the agreed amounts of the overspend and the underspend rule, per partner.
    agreed: Vec<[Option<Vec<i64>>; 2]>,
}

/// Turns the random choices into a plan document.
struct Builder<'a> {
    raw: &'a RawPlan,
    n: usize,
    /// Every amount is multiplied by this (1, or more to reach the limits).
    scale: i64,
    /// `None` when the plan has no such figures.
    fill: Option<&'a Fill>,
}

impl Builder<'_> {
    fn partner(&self, i: usize) -> &'static str {
        PARTNER_IDS[i]
    }

    fn amount(&self, pence: i64) -> Value {
        self.scaled_amount(pence * self.scale)
    }

    /// An amount that is already scaled.
    fn scaled_amount(&self, pence: i64) -> Value {
        let text = money_text(pence, self.raw.style.trimmed);
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
            RawRule::ProRataAmounts(RawShares { weights, fallback }) => {
                let mut amounts: Vec<Option<i64>> = weights[..self.n].to_vec();
                if amounts.iter().all(|a| a.unwrap_or(0) == 0) {
                    amounts[fallback.index(self.n)] = Some(100);
                }
                let mut map = Map::new();
                for (p, a) in amounts.iter().enumerate() {
                    if let Some(a) = a {
                        map.insert(self.partner(p).to_owned(), self.amount(*a));
                    }
                }
                json!({"method": "pro_rata_amounts", "amounts": map})
            }
            RawRule::Agreed(_) => unreachable!("an agreed rule is written by `top_rule`"),
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

    /// A group's own rule, which may be agreed (never a band's).
    fn top_rule(&self, g: usize, side: Side, rule: &RawRule) -> Value {
        let RawRule::Agreed(agreed) = rule else {
            return self.rule(rule);
        };
        let amounts = self
            .fill
            .and_then(|f| f.agreed[g][side as usize].clone())
            .unwrap_or_else(|| vec![0; self.n]);
        let weights = agreed_weights(agreed, self.n);
        let mut map = Map::new();
        for (p, a) in amounts.iter().enumerate() {
            if weights[p].is_some() || *a != 0 {
                map.insert(self.partner(p).to_owned(), self.scaled_amount(*a));
            }
        }
        json!({"method": "agreed", "amounts": map})
    }

    /// The netting sets as written: group positions, each set of two or more groups, none
    /// with `settle: false`.
    fn netting_sets(&self) -> Vec<Vec<usize>> {
        let Some(rs) = &self.raw.risk_share else {
            return Vec::new();
        };
        let Some(offsets) = &rs.offsets else {
            return Vec::new();
        };
        let mut sets = Vec::new();
        for k in 1..=2u8 {
            let mut members: Vec<usize> = (0..rs.groups.len())
                .filter(|g| offsets.set_of[*g] == k && rs.groups[*g].settle != Some(false))
                .collect();
            if members.len() >= 2 {
                let by = offsets.rotate.index(members.len());
                members.rotate_left(by);
                sets.push(members);
            }
        }
        sets
    }

    fn group(&self, g: usize, group: &RawGroup) -> Value {
        let mut doc = json!({
            "id": format!("g{g}"),
            "name": format!("Group {g}"),
            "overspend": self.top_rule(g, Side::Overspend, &group.overspend),
            "underspend": self.top_rule(g, Side::Underspend, &group.underspend),
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
        if group.per_scheme != Some(true)
            && let Some(reserve) = &group.reserve
        {
            doc["opening_reserve"] = match reserve {
                RawReserve::Zero => self.amount(0),
                RawReserve::Amount(a) => self.amount(*a),
                RawReserve::OfOverspend(_) => {
                    self.scaled_amount(self.fill.and_then(|f| f.reserves[g]).unwrap_or(0))
                }
            };
        }
        if let Some(settle) = group.settle {
            doc["settle"] = json!(settle);
        }
        doc
    }

    /// Whether the plan has figures that depend on its units ([`Fill`]).
    fn needs_fill(&self) -> bool {
        self.raw.risk_share.as_ref().is_some_and(|rs| {
            rs.groups.iter().any(|g| {
                matches!(g.reserve, Some(RawReserve::OfOverspend(_)))
                    || matches!(g.overspend, RawRule::Agreed(_))
                    || matches!(g.underspend, RawRule::Agreed(_))
            })
        })
    }

    /// Works out the [`Fill`] from the random choices: each unit's variance after netting (V'),
    /// then reserves, then the amount each unit shares (X = V' − drawn).
    fn fill(&self) -> Fill {
        let rs = self
            .raw
            .risk_share
            .as_ref()
            .expect("only groups need a fill");
        // The units (spec §3 step 1) by group position, with their variances.
        let figures = self.scheme_figures();
        let mut unit_groups = Vec::new();
        let mut variances = Vec::new();
        for (g, group) in rs.groups.iter().enumerate() {
            let members: Vec<i64> = self
                .raw
                .schemes
                .iter()
                .enumerate()
                .filter(|(_, s)| self.scheme_group(s) == g)
                .map(|(s, _)| {
                    let (budget, forecast) = figures[s];
                    (forecast.unwrap_or(budget) - budget) * self.scale
                })
                .collect();
            if group.per_scheme == Some(true) {
                unit_groups.extend(members.iter().map(|_| g));
                variances.extend(members);
            } else if !members.is_empty() {
                unit_groups.push(g);
                variances.push(members.iter().sum());
            }
        }
        let offsets = netting_offsets(&self.netting_sets(), &unit_groups, &variances);
        let units: Vec<(usize, i64)> = unit_groups
            .iter()
            .zip(variances.iter().zip(offsets))
            .map(|(g, (v, o))| (*g, v - o.unwrap_or(0)))
            .collect();
        let limit = |pence: i128| i64::try_from(pence.min(i128::from(LIMIT_PENCE))).unwrap();
        let mut fill = Fill::default();
        for (g, group) in rs.groups.iter().enumerate() {
            let in_group: Vec<i64> = units
                .iter()
                .filter(|(group, _)| *group == g)
                .map(|(_, v)| *v)
                .collect();
            let reserve = match (&group.reserve, group.per_scheme) {
                (_, Some(true)) | (None, _) => None,
                (Some(RawReserve::Zero), _) => Some(0),
                (Some(RawReserve::Amount(a)), _) => Some(a * self.scale),
                (Some(RawReserve::OfOverspend(r)), _) => {
                    let over = in_group.iter().copied().filter(|v| *v > 0).max();
                    Some(match over {
                        Some(v) => limit(i128::from(v) * i128::from(*r) / 1_000_000),
                        None => limit(i128::from(*r) * i128::from(self.scale)),
                    })
                }
            };
            fill.reserves.push(
                reserve.filter(|_| matches!(group.reserve, Some(RawReserve::OfOverspend(_)))),
            );
            let shared: Vec<i64> = in_group
                .iter()
                .map(|v| {
                    v - if *v > 0 {
                        (*v).min(reserve.unwrap_or(0))
                    } else {
                        0
                    }
                })
                .collect();
            let agreed = |side: Side, rule: &RawRule| {
                let RawRule::Agreed(agreed) = rule else {
                    return None;
                };
                let on_side: Vec<i64> = shared
                    .iter()
                    .filter(|x| match side {
                        Side::Overspend => **x > 0,
                        Side::Underspend => **x < 0,
                    })
                    .map(|x| x.abs())
                    .collect();
                let base = if on_side.is_empty() {
                    0
                } else {
                    on_side[agreed.unit.index(on_side.len())]
                };
                let total = match agreed.total {
                    RawAgreedTotal::Exact => i128::from(base),
                    RawAgreedTotal::Less(r) => i128::from(base) * i128::from(r) / 1_000_000,
                    RawAgreedTotal::More(r) => {
                        i128::from(base) + (i128::from(base) * i128::from(r) / 1_000_000).max(1)
                    }
                    RawAgreedTotal::Zero => 0,
                    RawAgreedTotal::Free(a) => i128::from(a) * i128::from(self.scale),
                };
                let weights: Vec<i128> = agreed_weights(agreed, self.n)
                    .iter()
                    .map(|w| i128::from(w.unwrap_or(0)))
                    .collect();
                let amounts = allocate(Money::from_pence(limit(total)), &weights)
                    .expect("within the limits")
                    .expect("a weight above zero");
                Some(amounts.into_iter().map(Money::pence).collect::<Vec<_>>())
            };
            fill.agreed.push([
                agreed(Side::Overspend, &group.overspend),
                agreed(Side::Underspend, &group.underspend),
            ]);
        }
        fill
    }

    /// Each scheme's budget and forecast (`None` when it has none) in pence, unscaled.
    fn scheme_figures(&self) -> Vec<(i64, Option<i64>)> {
        let mut figures: Vec<(i64, Option<i64>)> = Vec::with_capacity(self.raw.schemes.len());
        for scheme in &self.raw.schemes {
            let budget: i64 = scheme.funding.iter().map(|l| l.amount).sum();
            let forecast = match scheme.forecast {
                RawForecast::Absent => None,
                RawForecast::Ratio(millionths) => Some(
                    i64::try_from(i128::from(budget) * i128::from(millionths) / 1_000_000)
                        .expect("at most twice a budget"),
                ),
                RawForecast::Nudge(pence) => Some((budget + pence).max(0)),
                RawForecast::Absolute(pence) => Some(pence),
                RawForecast::Repeat => {
                    let before = figures.last().map_or(0, |(b, f)| f.unwrap_or(*b) - b);
                    Some((budget + before).max(0))
                }
            };
            figures.push((budget, forecast));
        }
        figures
    }

    /// The position of a scheme's group: the one it names, else the default group.
    fn scheme_group(&self, scheme: &RawScheme) -> usize {
        let count = self.group_ids().len();
        match (scheme.group, &self.raw.risk_share) {
            (Some(i), _) => i.index(count),
            (None, Some(rs)) => rs.default_group.map_or(0, |d| d.index(count)),
            (None, None) => 0,
        }
    }

    fn plan(&self) -> Value {
        let raw = self.raw;
        let stream_count = raw.streams.len();
        let group_ids = self.group_ids();
        let mut funded = vec![0i64; stream_count];
        let figures = self.scheme_figures();
        let schemes: Vec<Value> = raw
            .schemes
            .iter()
            .enumerate()
            .map(|(s, scheme)| {
                let funding: Vec<Value> = scheme
                    .funding
                    .iter()
                    .map(|line| {
                        let k = line.stream.index(stream_count);
                        funded[k] += line.amount;
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
                if let Some(forecast) = figures[s].1 {
                    doc["forecast"] = self.amount(forecast);
                }
                if scheme.group.is_some() || !self.has_default_group() {
                    doc["group"] = json!(group_ids[self.scheme_group(scheme)]);
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
            let sets = self.netting_sets();
            if !sets.is_empty() || rs.offsets.as_ref().is_some_and(|o| o.keep_empty) {
                let sets: Vec<Vec<&str>> = sets
                    .iter()
                    .map(|set| set.iter().map(|g| group_ids[*g].as_str()).collect())
                    .collect();
                risk_share["offsets"] = json!(sets);
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

/// The split weights of an agreed rule for `n` partners: `None` leaves a partner out; when no
/// weight is above zero the fallback partner takes weight 1.
fn agreed_weights(agreed: &RawAgreed, n: usize) -> Vec<Option<i64>> {
    let mut weights = agreed.split[..n].to_vec();
    if weights.iter().all(|w| w.unwrap_or(0) == 0) {
        weights[agreed.fallback.index(n)] = Some(1);
    }
    weights
}

/// The plan's JSON text, every amount multiplied by `scale`. Reserves relative to an
/// overspend and agreed amounts relative to the amount shared are worked out from the units.
pub(crate) fn plan_text(raw: &RawPlan, scale: i64) -> String {
    let mut builder = Builder {
        raw,
        n: raw.partner_kinds.len(),
        scale,
        fill: None,
    };
    let fill = builder.needs_fill().then(|| builder.fill());
    builder.fill = fill.as_ref();
    to_text(&builder.plan())
}
