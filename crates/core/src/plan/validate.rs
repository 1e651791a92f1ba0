//! Validation: every check of spec §1–§2 in one pass over a [`PlanDocument`], reporting every
//! error with its code, its JSON path and words a finance officer understands. Only a plan with
//! no error becomes a [`Plan`].

use std::collections::HashMap;

use super::document::{
    CommissionerDoc, ContractDoc, GroupDoc, PLAN_FORMAT, PlanDocument, RuleDoc, SchemeDoc,
    StreamDoc,
};
use super::kinds::RuleMethod;
use super::model::{
    Band, Contract, Funding, Group, Partner, Plan, Requirements, Rule, Scheme, Stream,
};
use super::number_text::NumberText;
use crate::dates::parse_iso_date;
use crate::findings::{Code, Finding};
use crate::fiscal::FinancialYear;
use crate::money::{LIMIT_PENCE, Money, MoneyError};
use crate::weight::{Weight, WeightError};

/// The group every scheme falls in when a plan has no `risk_share`.
pub const IMPLICIT_GROUP: &str = "pool";

/// Checks a document and builds the plan, or returns every error found.
pub fn validate(doc: &PlanDocument) -> Result<Plan, Vec<Finding>> {
    let mut check = Checker::default();
    let plan = check.plan(doc);
    match plan {
        Some(plan) if check.errors.is_empty() => Ok(plan),
        _ => Err(check.errors),
    }
}

#[derive(Default)]
struct Checker {
    errors: Vec<Finding>,
    /// Sums of every readable funding line and forecast, kept wide so no total can overflow.
    budget_total: i128,
    forecast_total: i128,
    /// What readable funding lines take from each stream, for the overfunding check.
    funded: Vec<i128>,
    /// How many partners the document lists, repeated ids included.
    partner_count: usize,
}

/// Which side of a group a rule is for: carry-forward is allowed for underspends only.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Overspend,
    Underspend,
}

/// Ids of one list mapped to their first position.
type Index<'a> = HashMap<&'a str, usize>;

impl Checker {
    fn error(&mut self, code: Code, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Finding::new(code, path, message));
    }

    fn plan(&mut self, doc: &PlanDocument) -> Option<Plan> {
        if doc.format != PLAN_FORMAT {
            self.error(
                Code::Format,
                "format",
                format!(
                    "The format must be \"{PLAN_FORMAT}\", not \"{}\".",
                    doc.format
                ),
            );
        }
        let year = FinancialYear::parse(&doc.financial_year);
        if year.is_none() {
            self.error(
                Code::Year,
                "financial_year",
                format!(
                    "The financial year '{}' is not valid: write the year it starts and the last two digits of the next year, e.g. 2025-26.",
                    doc.financial_year
                ),
            );
        }
        if doc.partners.is_empty() {
            self.error(
                Code::Format,
                "partners",
                "A plan needs at least one partner.",
            );
        }
        self.partner_count = doc.partners.len();
        let partner_ids = self.index(
            "partners",
            "partner",
            doc.partners.iter().map(|p| p.id.as_str()),
        );
        let host = self.reference(
            &partner_ids,
            &doc.host,
            || "host".to_owned(),
            || format!("The host '{}' is not one of the plan's partners.", doc.host),
        );
        let streams = self.streams(doc, &partner_ids);
        let stream_ids = self.index(
            "streams",
            "stream",
            doc.streams.iter().map(|s| s.id.as_str()),
        );
        self.funded = vec![0; doc.streams.len()];
        let (groups, group_ids, default_group) = self.groups(doc, &partner_ids, host);
        let offsets = self.offsets(doc, &group_ids);
        let schemes = self.schemes(doc, &partner_ids, &stream_ids, &group_ids, default_group);
        let scheme_ids = self.index(
            "schemes",
            "scheme",
            doc.schemes.iter().map(|s| s.id.as_str()),
        );
        self.overfunding(doc, &streams);
        self.totals(&streams);
        let requirements = self.requirements(doc);
        let contracts = self.contracts(doc, &scheme_ids);
        let instalments = doc.instalments.unwrap_or(12);
        if ![1, 2, 4, 12].contains(&instalments) {
            self.error(
                Code::Format,
                "instalments",
                format!(
                    "Contributions can be paid in 1, 2, 4 or 12 instalments, not {instalments}."
                ),
            );
        }

        let partners = doc
            .partners
            .iter()
            .map(|p| Partner {
                id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                code: p.code.clone(),
            })
            .collect();
        Some(Plan {
            name: doc.name.clone(),
            area: doc.area.clone(),
            year: year?,
            partners,
            host: host?,
            streams: streams.into_iter().collect::<Option<_>>()?,
            schemes: schemes.into_iter().collect::<Option<_>>()?,
            groups: groups.into_iter().collect::<Option<_>>()?,
            requirements: requirements?,
            contracts: contracts.into_iter().collect::<Option<_>>()?,
            instalments,
            offsets: offsets?,
        })
    }

    /// The netting sets of `risk_share.offsets`: each names at least two different groups, no
    /// group is in two sets, and no aligned budget (`settle: false`) is in any.
    fn offsets(&mut self, doc: &PlanDocument, groups: &Index) -> Option<Vec<Vec<usize>>> {
        let Some(risk_share) = &doc.risk_share else {
            return Some(Vec::new());
        };
        let Some(sets) = &risk_share.offsets else {
            return Some(Vec::new());
        };
        let mut seen = std::collections::HashSet::new();
        let mut checked = Some(Vec::with_capacity(sets.len()));
        for (i, set) in sets.iter().enumerate() {
            let mut members = Some(Vec::with_capacity(set.len()));
            for (j, id) in set.iter().enumerate() {
                let path = || format!("risk_share.offsets[{i}][{j}]");
                let group = self.reference(groups, id, path, || {
                    format!("Netting set {} names group '{id}', which is not one of the risk-share groups.", i + 1)
                });
                let Some(g) = group else {
                    members = None;
                    continue;
                };
                let name = &risk_share.groups[g].name;
                if !seen.insert(g) {
                    self.error(Code::Rule, path(), format!("Group '{name}' is named more than once in the netting sets; a group may be in only one netting set, once."));
                    members = None;
                } else if risk_share.groups[g].settle == Some(false) {
                    self.error(Code::Rule, path(), format!("Group '{name}' is an aligned budget (no money moves), so it cannot be netted: its underspend cannot cover another group's overspend, nor the reverse."));
                    members = None;
                } else if let Some(list) = members.as_mut() {
                    list.push(g);
                }
            }
            let distinct: std::collections::HashSet<&str> =
                set.iter().map(String::as_str).collect();
            if distinct.len() < 2 {
                self.error(Code::Rule, format!("risk_share.offsets[{i}]"), format!("Netting set {} names {} group; a netting set needs at least two different groups.", i + 1, if distinct.is_empty() { "no" } else { "only one" }));
                members = None;
            }
            match (members, checked.as_mut()) {
                (Some(m), Some(list)) => list.push(m),
                _ => checked = None,
            }
        }
        checked
    }

    /// Maps ids to positions, reporting empty and repeated ids.
    fn index<'a>(
        &mut self,
        list: &str,
        what: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> Index<'a> {
        let mut index = Index::new();
        for (i, id) in ids.enumerate() {
            if id.is_empty() {
                self.error(
                    Code::DuplicateId,
                    format!("{list}[{i}].id"),
                    format!(
                        "Every {what} needs an id of its own; {what} {} has none.",
                        i + 1
                    ),
                );
            } else if index.contains_key(id) {
                self.error(
                    Code::DuplicateId,
                    format!("{list}[{i}].id"),
                    format!(
                        "The {what} id '{id}' is used more than once; each {what} needs its own id."
                    ),
                );
            } else {
                index.insert(id, i);
            }
        }
        index
    }

    /// Looks an id up; the path and message are only worked out when it is not there.
    fn reference(
        &mut self,
        index: &Index,
        id: &str,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            self.error(Code::UnknownRef, path(), message());
        }
        found
    }

    /// Reads an amount that must be zero or more.
    fn amount(
        &mut self,
        text: &NumberText,
        path: impl FnOnce() -> String,
        what: impl FnOnce() -> String,
    ) -> Option<Money> {
        let problem = match Money::parse(text.as_str()) {
            Ok(money) if !money.is_negative() => return Some(money),
            Ok(_) => "is below zero; it must be zero or more",
            Err(MoneyError::TooManyDecimals) => {
                "has more than two decimal places; amounts are pounds and pence"
            }
            Err(MoneyError::OutOfRange) => {
                "is more than £100,000,000,000.00, the largest amount allowed"
            }
            Err(_) => {
                "is not an amount in pounds and pence (write it like 1234567.89, without £ or commas)"
            }
        };
        self.error(
            Code::Amount,
            path(),
            format!("{} is '{}', which {problem}.", what(), text),
        );
        None
    }

    fn weight(
        &mut self,
        text: &NumberText,
        path: impl FnOnce() -> String,
        what: impl FnOnce() -> String,
    ) -> Option<Weight> {
        let problem = match Weight::parse(text.as_str()) {
            Ok(weight) => return Some(weight),
            Err(WeightError::Negative) => "is below zero",
            Err(WeightError::TooManyDecimals) => "has more than six decimal places",
            Err(WeightError::TooLarge) => "is more than 1,000,000, the largest weight allowed",
            Err(WeightError::Syntax) => "is not a number (write it like 50 or 33.333333)",
        };
        self.error(
            Code::Weight,
            path(),
            format!("{} is '{}', which {problem}.", what(), text),
        );
        None
    }

    fn streams(&mut self, doc: &PlanDocument, partners: &Index) -> Vec<Option<Stream>> {
        doc.streams
            .iter()
            .enumerate()
            .map(|(i, s)| self.stream(i, s, partners))
            .collect()
    }

    fn stream(&mut self, i: usize, s: &StreamDoc, partners: &Index) -> Option<Stream> {
        let partner = self.reference(partners, &s.partner, || format!("streams[{i}].partner"), || {
            format!("Stream '{}' is paid in by partner '{}', which is not one of the plan's partners.", s.name, s.partner)
        });
        let amount = self.amount(
            &s.amount,
            || format!("streams[{i}].amount"),
            || format!("The amount of stream '{}'", s.name),
        );
        Some(Stream {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind,
            partner: partner?,
            amount: amount?,
        })
    }

    fn schemes(
        &mut self,
        doc: &PlanDocument,
        partners: &Index,
        streams: &Index,
        groups: &Index,
        default_group: Option<usize>,
    ) -> Vec<Option<Scheme>> {
        doc.schemes
            .iter()
            .enumerate()
            .map(|(i, s)| self.scheme(i, s, partners, streams, groups, default_group))
            .collect()
    }

    fn scheme(
        &mut self,
        i: usize,
        s: &SchemeDoc,
        partners: &Index,
        streams: &Index,
        groups: &Index,
        default_group: Option<usize>,
    ) -> Option<Scheme> {
        let commissioners = self.commissioner(i, s, partners);
        let mut funding = Some(Vec::with_capacity(s.funding.len()));
        let mut budget: i128 = 0;
        for (j, line) in s.funding.iter().enumerate() {
            let stream = self.reference(
                streams,
                &line.stream,
                || format!("schemes[{i}].funding[{j}].stream"),
                || {
                    format!(
                        "Scheme '{}' is funded from stream '{}', which does not exist.",
                        s.name, line.stream
                    )
                },
            );
            let amount = self.amount(
                &line.amount,
                || format!("schemes[{i}].funding[{j}].amount"),
                || {
                    format!(
                        "The funding line from stream '{}' in scheme '{}'",
                        line.stream, s.name
                    )
                },
            );
            budget += i128::from(amount.map_or(0, Money::pence));
            if let (Some(k), Some(amount)) = (stream, amount) {
                self.funded[k] += i128::from(amount.pence());
            }
            match (stream, amount, funding.as_mut()) {
                (Some(stream), Some(amount), Some(lines)) => lines.push(Funding { stream, amount }),
                _ => funding = None,
            }
        }
        let forecast = match &s.forecast {
            Some(text) => self.amount(
                text,
                || format!("schemes[{i}].forecast"),
                || format!("The forecast of scheme '{}'", s.name),
            ),
            None => i64::try_from(budget).ok().map(Money::from_pence),
        };
        self.budget_total += budget;
        self.forecast_total += forecast.map_or(budget, |f| i128::from(f.pence()));
        let group = match (&s.group, default_group) {
            (Some(id), _) => self.reference(
                groups,
                id,
                || format!("schemes[{i}].group"),
                || {
                    format!(
                        "Scheme '{}' is in risk-share group '{id}', which does not exist.",
                        s.name
                    )
                },
            ),
            (None, Some(group)) => Some(group),
            (None, None) => {
                self.error(
                    Code::UnknownRef,
                    format!("schemes[{i}].group"),
                    format!(
                        "Scheme '{}' names no risk-share group and the plan has no default group.",
                        s.name
                    ),
                );
                None
            }
        };
        Some(Scheme {
            id: s.id.clone(),
            name: s.name.clone(),
            scheme_type: s.scheme_type,
            area_of_spend: s.area_of_spend,
            provider: s.provider,
            commissioners: commissioners?,
            funding: funding?,
            // Out-of-range budgets are reported by `totals`; the plan is not built then.
            budget: Money::from_pence(i64::try_from(budget).ok()?),
            forecast: forecast?,
            group: group?,
            description: s.description.clone(),
        })
    }

    fn commissioner(
        &mut self,
        i: usize,
        s: &SchemeDoc,
        partners: &Index,
    ) -> Option<Vec<(usize, Weight)>> {
        let joint = match &s.commissioner {
            CommissionerDoc::Partner(id) => {
                let partner = self.reference(partners, id, || format!("schemes[{i}].commissioner"), || {
                    format!("Scheme '{}' is commissioned by '{id}', which is not one of the plan's partners.", s.name)
                })?;
                return Some(vec![(
                    partner,
                    Weight::from_millionths(100 * crate::weight::WEIGHT_SCALE),
                )]);
            }
            CommissionerDoc::Joint(joint) => &joint.joint,
        };
        let mut split = Some(Vec::new());
        let mut total: i64 = 0;
        let mut all_weights_read = true;
        for (partner_id, percent) in joint.iter() {
            let path = || format!("schemes[{i}].commissioner.joint.{partner_id}");
            let partner = self.reference(partners, partner_id, path, || {
                format!("Scheme '{}' is jointly commissioned by '{partner_id}', which is not one of the plan's partners.", s.name)
            });
            let weight = self.weight(percent, path, || {
                format!(
                    "The joint-commissioning percentage of '{partner_id}' in scheme '{}'",
                    s.name
                )
            });
            all_weights_read &= weight.is_some();
            match (partner, weight, split.as_mut()) {
                (Some(p), Some(w), Some(list)) => {
                    total += w.millionths();
                    list.push((p, w));
                }
                (None, Some(w), _) => total += w.millionths(),
                _ => split = None,
            }
        }
        if all_weights_read && total != 100 * crate::weight::WEIGHT_SCALE {
            self.error(
                Code::JointSplit,
                format!("schemes[{i}].commissioner"),
                format!(
                    "Scheme '{}' is jointly commissioned with percentages adding up to {}; they must add up to exactly 100.",
                    s.name,
                    Weight::from_millionths(total)
                ),
            );
            return None;
        }
        split
    }

    /// The groups, their ids, and the position of the default group if there is one.
    fn groups<'a>(
        &mut self,
        doc: &'a PlanDocument,
        partners: &Index,
        plan_host: Option<usize>,
    ) -> (Vec<Option<Group>>, Index<'a>, Option<usize>) {
        let Some(risk_share) = &doc.risk_share else {
            let group = plan_host.map(|host| Group {
                id: IMPLICIT_GROUP.to_owned(),
                name: "Pooled fund".to_owned(),
                host,
                overspend: Rule::ProRataContributions,
                underspend: Rule::ProRataContributions,
                per_scheme: false,
                caps: vec![None; doc.partners.len()],
                cap_at_contribution: false,
                opening_reserve: None,
                settle: true,
            });
            return (vec![group], Index::from([(IMPLICIT_GROUP, 0)]), Some(0));
        };
        let ids = self.index(
            "risk_share.groups",
            "risk-share group",
            risk_share.groups.iter().map(|g| g.id.as_str()),
        );
        let default_group = risk_share.default_group.as_ref().and_then(|id| {
            self.reference(
                &ids,
                id,
                || "risk_share.default_group".to_owned(),
                || format!("The default risk-share group '{id}' is not one of the groups."),
            )
        });
        let groups = risk_share
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| self.group(g, group, partners, plan_host, doc.partners.len()))
            .collect();
        (groups, ids, default_group)
    }

    fn group(
        &mut self,
        g: usize,
        doc: &GroupDoc,
        partners: &Index,
        plan_host: Option<usize>,
        partner_count: usize,
    ) -> Option<Group> {
        let path = format!("risk_share.groups[{g}]");
        let host = match &doc.host {
            Some(id) => self.reference(
                partners,
                id,
                || format!("{path}.host"),
                || {
                    format!(
                        "Group '{}' is hosted by '{id}', which is not one of the plan's partners.",
                        doc.name
                    )
                },
            ),
            None => plan_host,
        };
        let overspend = self.rule(
            &doc.overspend,
            &format!("{path}.overspend"),
            Side::Overspend,
            false,
            &doc.name,
            partners,
        );
        let underspend = self.rule(
            &doc.underspend,
            &format!("{path}.underspend"),
            Side::Underspend,
            false,
            &doc.name,
            partners,
        );
        let mut caps = Some(vec![None; partner_count]);
        for (partner_id, cap) in doc.caps.iter().flat_map(|c| c.iter()) {
            let cap_path = format!("{path}.caps.{partner_id}");
            let partner = self.reference(partners, partner_id, || cap_path.clone(), || {
                format!("Group '{}' caps partner '{partner_id}', which is not one of the plan's partners.", doc.name)
            });
            let amount = self.amount(
                cap,
                || cap_path.clone(),
                || format!("The cap on '{partner_id}' in group '{}'", doc.name),
            );
            match (partner, amount, caps.as_mut()) {
                (Some(p), Some(a), Some(list)) => list[p] = Some(a),
                _ => caps = None,
            }
        }
        let opening_reserve = match &doc.opening_reserve {
            None => Some(None),
            Some(_) if doc.per_scheme == Some(true) => {
                self.error(
                    Code::Rule,
                    format!("{path}.opening_reserve"),
                    format!(
                        "Group '{}' shares each scheme's variance on its own (per scheme), so it cannot hold an opening reserve: a reserve belongs to the whole group. Remove the reserve or share the group as one.",
                        doc.name
                    ),
                );
                None
            }
            Some(text) => self
                .amount(
                    text,
                    || format!("{path}.opening_reserve"),
                    || format!("The opening reserve of group '{}'", doc.name),
                )
                .map(Some),
        };
        Some(Group {
            id: doc.id.clone(),
            name: doc.name.clone(),
            host: host?,
            overspend: overspend?,
            underspend: underspend?,
            per_scheme: doc.per_scheme.unwrap_or(false),
            caps: caps?,
            cap_at_contribution: doc.cap_at_contribution.unwrap_or(false),
            opening_reserve: opening_reserve?,
            settle: doc.settle.unwrap_or(true),
        })
    }

    fn rule(
        &mut self,
        doc: &RuleDoc,
        path: &str,
        side: Side,
        in_band: bool,
        group: &str,
        partners: &Index,
    ) -> Option<Rule> {
        if doc.shares.is_some() && doc.method != RuleMethod::Fixed {
            self.error(
                Code::Format,
                format!("{path}.shares"),
                format!("Group '{group}': `shares` belongs only to a fixed rule."),
            );
        }
        if doc.bands.is_some() && doc.method != RuleMethod::Tiered {
            self.error(
                Code::Format,
                format!("{path}.bands"),
                format!("Group '{group}': `bands` belongs only to a tiered rule."),
            );
        }
        if doc.amounts.is_some()
            && !matches!(doc.method, RuleMethod::ProRataAmounts | RuleMethod::Agreed)
        {
            self.error(
                Code::Format,
                format!("{path}.amounts"),
                format!("Group '{group}': `amounts` belongs only to a rule by stated amounts or an agreed rule."),
            );
        }
        match doc.method {
            RuleMethod::ProRataContributions => Some(Rule::ProRataContributions),
            RuleMethod::ProRataCommissioned => Some(Rule::ProRataCommissioned),
            RuleMethod::Host => Some(Rule::Host),
            RuleMethod::CarryForward if in_band => {
                self.error(Code::Rule, path, format!("Group '{group}': a band cannot be carried forward; carry forward applies to a whole underspend."));
                None
            }
            RuleMethod::CarryForward if side == Side::Overspend => {
                self.error(Code::Rule, path, format!("Group '{group}' cannot carry an overspend forward: carry forward applies to underspends only."));
                None
            }
            RuleMethod::CarryForward => Some(Rule::CarryForward),
            RuleMethod::Fixed => self.fixed(doc, path, group, partners),
            RuleMethod::Tiered if in_band => {
                self.error(
                    Code::Rule,
                    path,
                    format!("Group '{group}': a band's rule cannot itself be tiered."),
                );
                None
            }
            RuleMethod::Tiered => self.tiered(doc, path, side, group, partners),
            RuleMethod::ProRataAmounts => {
                let amounts = self.stated_amounts(doc, path, group, partners)?;
                if amounts.iter().all(|a| a.is_zero()) {
                    self.error(
                        Code::Weight,
                        format!("{path}.amounts"),
                        format!("Group '{group}': the stated amounts are all zero, so nothing could be shared in proportion to them."),
                    );
                    return None;
                }
                Some(Rule::ProRataAmounts(amounts))
            }
            RuleMethod::Agreed if in_band => {
                self.error(
                    Code::Rule,
                    path,
                    format!("Group '{group}': a band cannot use agreed amounts; an agreed split applies to the whole overspend or underspend."),
                );
                None
            }
            RuleMethod::Agreed => self
                .stated_amounts(doc, path, group, partners)
                .map(Rule::Agreed),
        }
    }

    /// The `amounts` of a rule by stated amounts or an agreed rule: one per partner, in partner
    /// order (absent partners 0), every error reported.
    fn stated_amounts(
        &mut self,
        doc: &RuleDoc,
        path: &str,
        group: &str,
        partners: &Index,
    ) -> Option<Vec<Money>> {
        let Some(entries) = &doc.amounts else {
            self.error(
                Code::Format,
                path,
                format!("Group '{group}': this rule needs `amounts`, one amount per partner."),
            );
            return None;
        };
        let mut amounts = Some(vec![Money::ZERO; self.partner_count]);
        for (partner_id, text) in entries.iter() {
            let partner = self.reference(partners, partner_id, || format!("{path}.amounts"), || {
                format!("Group '{group}' states an amount for '{partner_id}', which is not one of the plan's partners.")
            });
            let amount = self.amount(
                text,
                || format!("{path}.amounts.{partner_id}"),
                || format!("The amount stated for '{partner_id}' in group '{group}'"),
            );
            match (partner, amount, amounts.as_mut()) {
                (Some(p), Some(a), Some(list)) => list[p] = a,
                _ => amounts = None,
            }
        }
        amounts
    }

    fn fixed(&mut self, doc: &RuleDoc, path: &str, group: &str, partners: &Index) -> Option<Rule> {
        let Some(shares) = &doc.shares else {
            self.error(
                Code::Format,
                path,
                format!("Group '{group}': a fixed rule needs `shares`, one weight per partner."),
            );
            return None;
        };
        // Sized by the partner list, not the index: repeated ids leave the index shorter.
        let mut weights = Some(vec![Weight::ZERO; self.partner_count]);
        let (mut all_read, mut any_above_zero) = (true, false);
        for (partner_id, text) in shares.iter() {
            let share_path = format!("{path}.shares.{partner_id}");
            let partner = self.reference(partners, partner_id, || share_path.clone(), || {
                format!("Group '{group}' gives a fixed share to '{partner_id}', which is not one of the plan's partners.")
            });
            let weight = self.weight(
                text,
                || share_path.clone(),
                || format!("The fixed share of '{partner_id}' in group '{group}'"),
            );
            all_read &= weight.is_some();
            any_above_zero |= weight.is_some_and(|w| !w.is_zero());
            match (partner, weight, weights.as_mut()) {
                (Some(p), Some(w), Some(list)) => list[p] = w,
                _ => weights = None,
            }
        }
        if all_read && !any_above_zero {
            self.error(
                Code::Weight,
                format!("{path}.shares"),
                format!(
                    "Group '{group}': the fixed shares are all zero, so nothing could be shared."
                ),
            );
            return None;
        }
        weights.map(Rule::Fixed)
    }

    fn tiered(
        &mut self,
        doc: &RuleDoc,
        path: &str,
        side: Side,
        group: &str,
        partners: &Index,
    ) -> Option<Rule> {
        let Some(bands) = &doc.bands else {
            self.error(
                Code::Format,
                path,
                format!("Group '{group}': a tiered rule needs `bands`."),
            );
            return None;
        };
        if bands.is_empty() {
            self.error(Code::Rule, format!("{path}.bands"), format!("Group '{group}': a tiered rule needs at least one band, the last with no `up_to`."));
            return None;
        }
        let mut checked = Some(Vec::with_capacity(bands.len()));
        let mut previous = Money::ZERO;
        for (b, band) in bands.iter().enumerate() {
            let band_path = format!("{path}.bands[{b}]");
            let last = b + 1 == bands.len();
            let up_to = match (&band.up_to, last) {
                (Some(_), true) => {
                    self.error(Code::Rule, format!("{band_path}.up_to"), format!("Group '{group}': the last band takes everything above the previous one, so it has no `up_to`."));
                    None
                }
                (None, false) => {
                    self.error(Code::Rule, band_path.clone(), format!("Group '{group}': band {} needs an `up_to` threshold; only the last band has none.", b + 1));
                    None
                }
                (None, true) => Some(None),
                (Some(text), false) => {
                    // A well-written threshold that is not above the previous one (or zero) is a
                    // rule error, even when negative; only a badly written one is E-AMOUNT.
                    match Money::parse(text.as_str()) {
                        Ok(amount) if amount > previous => {
                            previous = amount;
                            Some(Some(amount))
                        }
                        Ok(amount) => {
                            self.error(
                                Code::Rule,
                                format!("{band_path}.up_to"),
                                format!(
                                    "Group '{group}': band thresholds must be above zero and rise band by band; band {} is {}.",
                                    b + 1,
                                    amount.to_uk()
                                ),
                            );
                            None
                        }
                        Err(_) => self
                            .amount(
                                text,
                                || format!("{band_path}.up_to"),
                                || format!("The threshold of band {} in group '{group}'", b + 1),
                            )
                            .map(Some),
                    }
                }
            };
            let rule = self.rule(
                &band.rule,
                &format!("{band_path}.rule"),
                side,
                true,
                group,
                partners,
            );
            match (up_to, rule, checked.as_mut()) {
                (Some(up_to), Some(rule), Some(list)) => list.push(Band { up_to, rule }),
                _ => checked = None,
            }
        }
        checked.map(Rule::Tiered)
    }

    fn overfunding(&mut self, doc: &PlanDocument, streams: &[Option<Stream>]) {
        let funded = std::mem::take(&mut self.funded);
        for (k, stream) in streams.iter().enumerate() {
            let Some(stream) = stream else { continue };
            let amount = i128::from(stream.amount.pence());
            if funded[k] > amount {
                let show = |pence: i128| {
                    i64::try_from(pence)
                        .map(|p| Money::from_pence(p).to_uk())
                        .unwrap_or_else(|_| "more than £100bn".into())
                };
                self.error(
                    Code::Overfunded,
                    format!("streams[{k}]"),
                    format!(
                        "Stream '{}' holds {}, but schemes are funded from it for {} in all, {} more than it holds.",
                        doc.streams[k].name,
                        show(amount),
                        show(funded[k]),
                        show(funded[k] - amount)
                    ),
                );
            }
        }
    }

    /// The plan's total income, budget and forecast must each be within the £100bn limit.
    fn totals(&mut self, streams: &[Option<Stream>]) {
        let over = |total: i128| total.abs() > i128::from(LIMIT_PENCE);
        let income: i128 = streams
            .iter()
            .flatten()
            .map(|s| i128::from(s.amount.pence()))
            .sum();
        if over(income) {
            self.error(
                Code::Amount,
                "streams",
                "The streams add up to more than £100,000,000,000.00, the largest total allowed.",
            );
        }
        if over(self.budget_total) || over(self.forecast_total) {
            self.error(Code::Amount, "schemes", "The schemes' budgets or forecasts add up to more than £100,000,000,000.00, the largest total allowed.");
        }
    }

    fn requirements(&mut self, doc: &PlanDocument) -> Option<Requirements> {
        let Some(req) = &doc.requirements else {
            return Some(Requirements::default());
        };
        let mut read = |text: &Option<NumberText>, key: &str, what: &str| match text {
            Some(text) => self
                .amount(
                    text,
                    || format!("requirements.{key}"),
                    || format!("The {what} requirement"),
                )
                .map(Some),
            None => Some(None),
        };
        let social_care = read(
            &req.nhs_min_social_care,
            "nhs_min_social_care",
            "NHS minimum to social care",
        );
        let out_of_hospital = read(
            &req.nhs_min_out_of_hospital,
            "nhs_min_out_of_hospital",
            "NHS out-of-hospital",
        );
        Some(Requirements {
            nhs_min_social_care: social_care?,
            nhs_min_out_of_hospital: out_of_hospital?,
        })
    }

    fn contracts(&mut self, doc: &PlanDocument, schemes: &Index) -> Vec<Option<Contract>> {
        let Some(contracts) = &doc.contracts else {
            return Vec::new();
        };
        self.index(
            "contracts",
            "contract",
            contracts.iter().map(|c| c.id.as_str()),
        );
        contracts
            .iter()
            .enumerate()
            .map(|(i, c)| self.contract(i, c, schemes))
            .collect()
    }

    fn contract(&mut self, i: usize, c: &ContractDoc, schemes: &Index) -> Option<Contract> {
        let scheme = self.reference(
            schemes,
            &c.scheme,
            || format!("contracts[{i}].scheme"),
            || {
                format!(
                    "Contract '{}' is for scheme '{}', which does not exist.",
                    c.name, c.scheme
                )
            },
        );
        let value = self.amount(
            &c.value,
            || format!("contracts[{i}].value"),
            || format!("The value of contract '{}'", c.name),
        );
        let mut date = |text: &str, field: &str| {
            let parsed = parse_iso_date(text);
            if parsed.is_none() {
                self.error(
                    Code::Date,
                    format!("contracts[{i}].{field}"),
                    format!("The {field} date of contract '{}', '{text}', is not a date written YYYY-MM-DD, e.g. 2025-04-01.", c.name),
                );
            }
            parsed
        };
        let start = date(&c.start, "start");
        let end = date(&c.end, "end");
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.error(
                Code::Date,
                format!("contracts[{i}].end"),
                format!(
                    "Contract '{}' ends on {end} before it starts on {start}.",
                    c.name
                ),
            );
            return None;
        }
        Some(Contract {
            id: c.id.clone(),
            name: c.name.clone(),
            provider: c.provider.clone(),
            scheme: scheme?,
            value: value?,
            start: start?,
            end: end?,
        })
    }
}

#[cfg(test)]
mod tests;
