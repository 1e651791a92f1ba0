//! The figures the window shows beside a plan, so that it never adds up money itself: each
//! scheme's budget, forecast and variance, totals of all schemes and of each risk-share group,
//! each partner's streams, and the totals of the outcome's tables (partner positions,
//! instalments, contract profiles) with whether each BCF minimum is met; for the risk share,
//! the stated amounts of each rule added up against what the rule had to share, and the amount
//! each unit's rules shared after netting and its reserve.
//!
//! The plan's figures are read from the document as written, so they exist for a plan with
//! errors too: a scheme whose funding lines all read has a budget even when another scheme's
//! do not. Where an amount does not read (or a sum would overflow) that figure is `None` and
//! the window shows a blank, never a wrong total. Every sum is exact, in pence.

use serde::Serialize;

use crate::money::Money;
use crate::outcome::{Applied, Outcome, RequirementCheck};
use crate::plan::PlanDocument;
use crate::plan::document::RuleDoc;
use crate::plan::kinds::RuleMethod;
use crate::plan::number_text::NumberText;

/// Everything the window shows that is a sum or a difference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Figures {
    /// One per scheme, in the plan's order.
    pub schemes: Vec<SchemeFigures>,
    /// Every scheme.
    pub totals: SchemeTotals,
    /// The schemes of each risk-share group, in the plan's order (none without `risk_share`).
    pub groups: Vec<GroupTotals>,
    /// What each partner pays in through its streams; `None` when a stream's amount does not
    /// read.
    pub streams: Option<PartnerTotals>,
    /// The outcome's partner positions added up; `None` without an outcome.
    pub positions: Option<PositionTotals>,
    /// The instalments each partner pays, added up; `None` without an outcome.
    pub instalments: Option<PartnerTotals>,
    /// Each contract's monthly profile added up, from the outcome.
    pub contracts: Vec<ContractTotal>,
    /// Whether the plan meets each BCF minimum it sets, from the outcome.
    pub requirements: RequirementsMet,
    /// Each rule by stated amounts or agreed by the board (a band's rule too), in the order of
    /// the groups, overspend before underspend: its amounts added up, and what it had to share.
    pub rule_amounts: Vec<RuleAmounts>,
    /// For each unit netted against other pools or with a reserve, from the outcome: the amount
    /// its rules shared (X, spec §3 step 2). Any other unit's rules shared its variance.
    pub shared: Vec<UnitShared>,
}

/// Which of a group's two rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum RuleSide {
    Overspend,
    Underspend,
}

/// The amounts a rule states (`pro_rata_amounts` or `agreed`), added up.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct RuleAmounts {
    pub group: String,
    pub side: RuleSide,
    /// The band (from 0) of a tiered rule whose own rule this is; absent for the side's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub band: Option<u32>,
    pub method: RuleMethod,
    /// Σ of the amounts; `None` while one does not read.
    pub total: Option<Money>,
    /// For the side's own rule, each unit of the group that the rule was applied to (an
    /// overspend rule to a unit with X > 0, an underspend rule to one with X < 0), from the
    /// outcome; none for a band's rule.
    pub against: Vec<AmountsAgainst>,
}

/// A rule's stated amounts against one unit's amount to share.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AmountsAgainst {
    pub unit: String,
    /// |X|: the overspend or underspend the rule shared.
    pub to_share: Money,
    /// For an agreed rule, |X| − Σ amounts: what is left uncovered (overspend) or stays in the
    /// pool (underspend); negative when the board agreed more than there is to share. The
    /// difference `W-AGREED-DIFFERS` reports.
    pub difference: Option<Money>,
}

/// The amount a unit's rules shared: its variance less what netting and its reserve covered.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct UnitShared {
    pub unit: String,
    pub shared: Money,
}

/// One scheme's figures; `None` where an amount does not read.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SchemeFigures {
    pub id: String,
    /// The sum of the funding lines.
    pub budget: Option<Money>,
    /// The forecast set, else the budget.
    pub forecast: Option<Money>,
    /// Forecast less budget: an overspend is positive.
    pub variance: Option<Money>,
}

/// Schemes added up; a figure is `None` when any scheme's is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct SchemeTotals {
    pub count: u32,
    pub budget: Option<Money>,
    pub forecast: Option<Money>,
    pub variance: Option<Money>,
}

/// The schemes of one risk-share group: its own, and those that name none when it is the
/// default.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct GroupTotals {
    pub id: String,
    #[serde(flatten)]
    pub totals: SchemeTotals,
}

/// An amount for each partner, and all of them.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PartnerTotals {
    pub partners: Vec<PartnerAmount>,
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PartnerAmount {
    pub partner: String,
    pub amount: Money,
}

/// The columns of the partner positions, added up.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PositionTotals {
    pub contribution: Money,
    pub overspend_share: Money,
    pub underspend_share: Money,
    pub net_share: Money,
    pub final_cost: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ContractTotal {
    pub id: String,
    /// M1 to M12 added up.
    pub total: Money,
}

/// `Some(true)` when the planned spend reaches the minimum; `None` when the plan sets none (or
/// has no outcome).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct RequirementsMet {
    pub nhs_min_social_care: Option<bool>,
    pub nhs_min_out_of_hospital: Option<bool>,
}

/// The figures of a document, with the outcome's totals when there is one.
pub fn figures(document: &PlanDocument, outcome: Option<&Outcome>) -> Figures {
    let schemes: Vec<SchemeFigures> = document.schemes.iter().map(scheme_figures).collect();
    let totals = totals_of(schemes.iter());
    let groups = match &document.risk_share {
        None => Vec::new(),
        Some(risk_share) => risk_share
            .groups
            .iter()
            .map(|group| {
                let members = document.schemes.iter().zip(&schemes).filter(|(s, _)| {
                    s.group.as_ref().or(risk_share.default_group.as_ref()) == Some(&group.id)
                });
                GroupTotals {
                    id: group.id.clone(),
                    totals: totals_of(members.map(|(_, f)| f)),
                }
            })
            .collect(),
    };
    let streams = document
        .streams
        .iter()
        .map(|s| Some((s.partner.as_str(), amount(&s.amount)?)))
        .collect::<Option<Vec<_>>>()
        .and_then(|amounts| {
            let order = document.partners.iter().map(|p| p.id.as_str());
            by_partner(order, &amounts)
        });
    Figures {
        schemes,
        totals,
        groups,
        streams,
        positions: outcome.and_then(position_totals),
        instalments: outcome.and_then(|o| {
            let amounts: Vec<_> = o
                .instalments
                .iter()
                .map(|i| (i.partner.as_str(), i.amount))
                .collect();
            by_partner(std::iter::empty(), &amounts)
        }),
        contracts: outcome.map_or_else(Vec::new, |o| {
            o.contracts
                .iter()
                .filter_map(|c| {
                    Some(ContractTotal {
                        id: c.id.clone(),
                        total: Money::checked_sum(c.monthly.iter().copied()).ok()?,
                    })
                })
                .collect()
        }),
        requirements: outcome.map_or_else(RequirementsMet::default, |o| {
            let met = |check: Option<RequirementCheck>| check.map(RequirementCheck::is_met);
            RequirementsMet {
                nhs_min_social_care: met(o.requirements.nhs_min_social_care),
                nhs_min_out_of_hospital: met(o.requirements.nhs_min_out_of_hospital),
            }
        }),
        rule_amounts: rule_amounts(document, outcome),
        shared: outcome.map_or_else(Vec::new, |o| {
            o.units
                .iter()
                .filter(|u| u.offset.is_some() || u.reserve.is_some())
                .map(|u| UnitShared {
                    unit: u.id.clone(),
                    shared: u.shared_amount(),
                })
                .collect()
        }),
    }
}

fn states_amounts(rule: &RuleDoc) -> bool {
    matches!(rule.method, RuleMethod::ProRataAmounts | RuleMethod::Agreed)
}

/// Σ of a rule's amounts; `None` when there are none, one does not read, or on overflow.
fn amounts_total(rule: &RuleDoc) -> Option<Money> {
    let amounts = rule.amounts.as_ref()?;
    amounts
        .iter()
        .map(|(_, text)| amount(text))
        .collect::<Option<Vec<_>>>()
        .and_then(|all| Money::checked_sum(all).ok())
}

fn rule_amounts(document: &PlanDocument, outcome: Option<&Outcome>) -> Vec<RuleAmounts> {
    let Some(risk_share) = &document.risk_share else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for group in &risk_share.groups {
        for (side, rule) in [
            (RuleSide::Overspend, &group.overspend),
            (RuleSide::Underspend, &group.underspend),
        ] {
            if states_amounts(rule) {
                let total = amounts_total(rule);
                let applied = match side {
                    RuleSide::Overspend => Applied::Overspend,
                    RuleSide::Underspend => Applied::Underspend,
                };
                let against = outcome
                    .map(|o| o.units.iter())
                    .into_iter()
                    .flatten()
                    .filter(|u| u.group == group.id && u.applied == applied)
                    .filter_map(|u| {
                        let to_share = u.shared_amount().abs().ok()?;
                        let difference = match (rule.method, total) {
                            (RuleMethod::Agreed, Some(total)) => to_share.checked_sub(total).ok(),
                            _ => None,
                        };
                        Some(AmountsAgainst {
                            unit: u.id.clone(),
                            to_share,
                            difference,
                        })
                    })
                    .collect();
                out.push(RuleAmounts {
                    group: group.id.clone(),
                    side,
                    band: None,
                    method: rule.method,
                    total,
                    against,
                });
            }
            for (b, band) in rule.bands.iter().flatten().enumerate() {
                if states_amounts(&band.rule) {
                    out.push(RuleAmounts {
                        group: group.id.clone(),
                        side,
                        band: u32::try_from(b).ok(),
                        method: band.rule.method,
                        total: amounts_total(&band.rule),
                        against: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// The totals of the schemes named, in any order; ids not in the plan are passed over. For the
/// window's schemes table when a filter leaves some out.
pub fn totals_of_schemes(figures: &Figures, ids: &[String]) -> SchemeTotals {
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    totals_of(
        figures
            .schemes
            .iter()
            .filter(|s| wanted.contains(s.id.as_str())),
    )
}

fn amount(text: &NumberText) -> Option<Money> {
    Money::parse(text.as_str()).ok()
}

fn scheme_figures(scheme: &crate::plan::document::SchemeDoc) -> SchemeFigures {
    let budget = scheme
        .funding
        .iter()
        .map(|f| amount(&f.amount))
        .collect::<Option<Vec<_>>>()
        .and_then(|lines| Money::checked_sum(lines).ok());
    let forecast = match &scheme.forecast {
        None => budget,
        Some(text) => amount(text),
    };
    let variance = match (forecast, budget) {
        (Some(f), Some(b)) => f.checked_sub(b).ok(),
        _ => None,
    };
    SchemeFigures {
        id: scheme.id.clone(),
        budget,
        forecast,
        variance,
    }
}

fn totals_of<'a>(schemes: impl Iterator<Item = &'a SchemeFigures>) -> SchemeTotals {
    let add = |total: Option<Money>, figure: Option<Money>| total?.checked_add(figure?).ok();
    schemes.fold(
        SchemeTotals {
            count: 0,
            budget: Some(Money::ZERO),
            forecast: Some(Money::ZERO),
            variance: Some(Money::ZERO),
        },
        |t, s| SchemeTotals {
            count: t.count.saturating_add(1),
            budget: add(t.budget, s.budget),
            forecast: add(t.forecast, s.forecast),
            variance: add(t.variance, s.variance),
        },
    )
}

/// Amounts added up by partner: the partners of `order` first (with nothing, £0.00), then
/// any other named, in the order first met. `None` on overflow.
fn by_partner<'a>(
    order: impl Iterator<Item = &'a str>,
    amounts: &[(&'a str, Money)],
) -> Option<PartnerTotals> {
    let mut partners: Vec<PartnerAmount> = order
        .map(|p| PartnerAmount {
            partner: p.to_owned(),
            amount: Money::ZERO,
        })
        .collect();
    for (partner, amount) in amounts {
        let at = match partners.iter().position(|p| p.partner == *partner) {
            Some(at) => at,
            None => {
                partners.push(PartnerAmount {
                    partner: (*partner).to_owned(),
                    amount: Money::ZERO,
                });
                partners.len() - 1
            }
        };
        partners[at].amount = partners[at].amount.checked_add(*amount).ok()?;
    }
    let total = Money::checked_sum(amounts.iter().map(|(_, a)| *a)).ok()?;
    Some(PartnerTotals { partners, total })
}

fn position_totals(outcome: &Outcome) -> Option<PositionTotals> {
    let sum = |pick: fn(&crate::outcome::PartnerOutcome) -> Money| {
        Money::checked_sum(outcome.partners.iter().map(pick)).ok()
    };
    Some(PositionTotals {
        contribution: sum(|p| p.contribution)?,
        overspend_share: sum(|p| p.overspend_share)?,
        underspend_share: sum(|p| p.underspend_share)?,
        net_share: sum(|p| p.net_share)?,
        final_cost: sum(|p| p.final_cost)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Assessment, assess_document};
    use crate::plan::read_plan;

    fn money(text: &str) -> Option<Money> {
        Some(Money::parse(text).unwrap())
    }

    const PLAN: &str = r#"{"format": "pooled-plan/1", "name": "P", "financial_year": "2025-26",
        "partners": [{"id": "la", "name": "Council", "kind": "council"},
                     {"id": "icb", "name": "ICB", "kind": "icb"}],
        "host": "la",
        "streams": [{"id": "a", "name": "A", "kind": "other", "partner": "icb", "amount": "1000.01"},
                    {"id": "b", "name": "B", "kind": "other", "partner": "la", "amount": "500.00"},
                    {"id": "c", "name": "C", "kind": "other", "partner": "icb", "amount": "0.99"}],
        "schemes": [
          {"id": "S1", "name": "One", "type": "other", "area_of_spend": "other",
           "commissioner": "la", "provider": "other",
           "funding": [{"stream": "a", "amount": "600.01"}, {"stream": "b", "amount": "300.00"}],
           "forecast": "1000.00", "group": "g2"},
          {"id": "S2", "name": "Two", "type": "other", "area_of_spend": "other",
           "commissioner": "la", "provider": "other",
           "funding": [{"stream": "a", "amount": "400.00"}, {"stream": "c", "amount": "0.99"}]},
          {"id": "S3", "name": "Three", "type": "other", "area_of_spend": "other",
           "commissioner": "icb", "provider": "other",
           "funding": [{"stream": "b", "amount": "200.00"}], "forecast": "150.50"}
        ],
        "risk_share": {"default_group": "g1", "groups": [
          {"id": "g1", "name": "G1", "overspend": {"method": "pro_rata_contributions"},
           "underspend": {"method": "pro_rata_contributions"}},
          {"id": "g2", "name": "G2", "overspend": {"method": "host"},
           "underspend": {"method": "host"}}]},
        "requirements": {"nhs_min_social_care": "1.00"}
    }"#;

    fn evaluated(text: &str) -> (PlanDocument, Box<Outcome>) {
        let document = read_plan(text).unwrap();
        match assess_document(&document) {
            Assessment::Evaluated(outcome) => (document, outcome),
            Assessment::Rejected(r) => panic!("{:?}", r.findings),
        }
    }

    #[test]
    fn schemes_groups_and_streams_to_the_penny() {
        let (document, outcome) = evaluated(PLAN);
        let f = figures(&document, Some(&outcome));
        let s1 = &f.schemes[0];
        assert_eq!(
            (s1.budget, s1.forecast, s1.variance),
            (money("900.01"), money("1000.00"), money("99.99"))
        );
        // No forecast: on budget.
        let s2 = &f.schemes[1];
        assert_eq!(
            (s2.budget, s2.forecast, s2.variance),
            (money("400.99"), money("400.99"), money("0.00"))
        );
        assert_eq!(f.schemes[2].variance, money("-49.50"));
        assert_eq!(
            f.totals,
            SchemeTotals {
                count: 3,
                budget: money("1501.00"),
                forecast: money("1551.49"),
                variance: money("50.49"),
            }
        );
        // S1 names g2; S2 and S3 name none and fall in the default, g1.
        assert_eq!(f.groups[0].id, "g1");
        assert_eq!(
            (f.groups[0].totals.count, f.groups[0].totals.budget),
            (2, money("600.99"))
        );
        assert_eq!(
            (f.groups[1].totals.count, f.groups[1].totals.variance),
            (1, money("99.99"))
        );
        let streams = f.streams.unwrap();
        let by: Vec<_> = streams
            .partners
            .iter()
            .map(|p| (p.partner.as_str(), p.amount.to_plain()))
            .collect();
        assert_eq!(
            by,
            [("la", "500.00".to_owned()), ("icb", "1001.00".to_owned())]
        );
        assert_eq!(streams.total.to_plain(), "1501.00");
        // The plan's figures agree with the engine's.
        for (mine, engine) in f.schemes.iter().zip(&outcome.schemes) {
            assert_eq!(
                (mine.budget, mine.forecast, mine.variance),
                (
                    Some(engine.budget),
                    Some(engine.forecast),
                    Some(engine.variance)
                )
            );
        }
        assert_eq!(f.totals.budget, Some(outcome.totals.budget));
        // No scheme is social care, so £1.00 is not reached.
        assert_eq!(f.requirements.nhs_min_social_care, Some(false));
        assert_eq!(f.requirements.nhs_min_out_of_hospital, None);
    }

    #[test]
    fn outcome_tables_cast() {
        let (document, outcome) = evaluated(PLAN);
        let f = figures(&document, Some(&outcome));
        let positions = f.positions.unwrap();
        let sum = |pick: fn(&crate::outcome::PartnerOutcome) -> Money| {
            Money::checked_sum(outcome.partners.iter().map(pick)).unwrap()
        };
        assert_eq!(positions.final_cost, sum(|p| p.final_cost));
        assert_eq!(positions.contribution, sum(|p| p.contribution));
        let instalments = f.instalments.unwrap();
        assert_eq!(
            instalments.total,
            Money::checked_sum(outcome.instalments.iter().map(|i| i.amount)).unwrap()
        );
        assert_eq!(
            Money::checked_sum(instalments.partners.iter().map(|p| p.amount)).unwrap(),
            instalments.total
        );
        // Without an outcome, none of its totals.
        let bare = figures(&document, None);
        assert_eq!(
            (bare.positions, bare.instalments, bare.contracts.len()),
            (None, None, 0)
        );
        assert_eq!(bare.requirements, RequirementsMet::default());
    }

    #[test]
    fn a_plan_with_errors_still_has_each_readable_scheme_budget() {
        // S2's line does not read, S3's forecast has too many decimals, S1 names no stream
        // that exists: validation refuses the plan, but S1's figures are still there.
        let broken = PLAN
            .replace(r#""amount": "400.00""#, r#""amount": "four hundred""#)
            .replace(r#""forecast": "150.50""#, r#""forecast": "150.505""#)
            .replace(
                r#""stream": "a", "amount": "600.01""#,
                r#""stream": "zz", "amount": "600.01""#,
            );
        let document = read_plan(&broken).unwrap();
        assert!(matches!(
            assess_document(&document),
            Assessment::Rejected(_)
        ));
        let f = figures(&document, None);
        assert_eq!(f.schemes[0].budget, money("900.01"));
        assert_eq!(f.schemes[0].variance, money("99.99"));
        assert_eq!((f.schemes[1].budget, f.schemes[1].forecast), (None, None));
        assert_eq!(
            (
                f.schemes[2].budget,
                f.schemes[2].forecast,
                f.schemes[2].variance
            ),
            (money("200.00"), None, None)
        );
        assert_eq!(f.totals.count, 3);
        assert_eq!(f.totals.budget, None);
        assert_eq!(f.groups[1].totals.budget, money("900.01"));
        assert_eq!(f.streams.as_ref().unwrap().total.to_plain(), "1501.00");
        let chosen = totals_of_schemes(&f, &["S1".to_owned(), "nope".to_owned()]);
        assert_eq!((chosen.count, chosen.forecast), (1, money("1000.00")));
    }

    #[test]
    fn overflow_is_a_blank_not_a_wrong_total() {
        let huge = PLAN
            .replace(r#""amount": "600.01""#, r#""amount": "100000000000.00""#)
            .replace(r#""amount": "300.00""#, r#""amount": "100000000000.00""#);
        let document = read_plan(&huge).unwrap();
        let f = figures(&document, None);
        // Past what one amount may be, but a sum of two that may: still exact.
        assert_eq!(
            f.schemes[0].budget,
            Some(Money::from_pence(20_000_000_000_000))
        );
        let max = Money::from_pence(i64::MAX);
        let many = SchemeFigures {
            id: "x".into(),
            budget: Some(max),
            forecast: Some(max),
            variance: Some(Money::ZERO),
        };
        let t = totals_of([many.clone(), many].iter());
        assert_eq!(
            (t.count, t.budget, t.variance),
            (2, None, Some(Money::ZERO))
        );
    }

    const AGREED: &str = include_str!("../../../fixtures/examples/agreed-and-amounts.plan.json");
    const RESERVE: &str = include_str!("../../../fixtures/examples/reserve-and-offsets.plan.json");

    fn plain(m: Option<Money>) -> Option<String> {
        m.map(Money::to_plain)
    }

    #[test]
    fn stated_amounts_against_what_each_rule_shared() {
        let (document, outcome) = evaluated(AGREED);
        let f = figures(&document, Some(&outcome));
        let rules: Vec<_> = f
            .rule_amounts
            .iter()
            .map(|r| (r.group.as_str(), r.side, r.band, r.method, plain(r.total)))
            .collect();
        assert_eq!(
            rules,
            [
                (
                    "shared",
                    RuleSide::Overspend,
                    Some(1),
                    RuleMethod::ProRataAmounts,
                    Some("237192500.00".to_owned())
                ),
                (
                    "discharge",
                    RuleSide::Underspend,
                    None,
                    RuleMethod::Agreed,
                    Some("250000.00".to_owned())
                ),
                (
                    "winter",
                    RuleSide::Overspend,
                    None,
                    RuleMethod::Agreed,
                    Some("75678.90".to_owned())
                ),
            ]
        );
        // A band's rule shares a slice: no comparison.
        assert!(f.rule_amounts[0].against.is_empty());
        // The board returns £250,000.00 of an underspend of £262,345.67: £12,345.67 stays in
        // the pool, the unit's carried forward and the W-AGREED-DIFFERS finding.
        let discharge = &f.rule_amounts[1].against;
        assert_eq!(discharge.len(), 1);
        assert_eq!(discharge[0].unit, "discharge");
        assert_eq!(discharge[0].to_share.to_plain(), "262345.67");
        assert_eq!(plain(discharge[0].difference).as_deref(), Some("12345.67"));
        let unit = outcome.units.iter().find(|u| u.id == "discharge").unwrap();
        assert_eq!(discharge[0].difference, Some(unit.carried_forward));
        let winter = &f.rule_amounts[2].against[0];
        assert_eq!(
            (winter.to_share.to_plain(), plain(winter.difference)),
            ("75678.90".to_owned(), Some("0.00".to_owned()))
        );
        // Neither netting nor a reserve: every unit's rules shared its variance.
        assert!(f.shared.is_empty());
    }

    #[test]
    fn agreed_more_than_there_is_is_a_negative_difference() {
        let more = AGREED.replace(r#""icb": "45678.90""#, r#""icb": "50000.01""#);
        let (document, outcome) = evaluated(&more);
        let f = figures(&document, Some(&outcome));
        let winter = f.rule_amounts.iter().find(|r| r.group == "winter").unwrap();
        assert_eq!(plain(winter.total).as_deref(), Some("80000.01"));
        assert_eq!(
            plain(winter.against[0].difference).as_deref(),
            Some("-4321.11")
        );
        let unit = outcome.units.iter().find(|u| u.id == "winter").unwrap();
        assert_eq!(winter.against[0].difference, Some(unit.uncovered));
        // A rule not applied this year (winter's underspend rule is the host) is not listed;
        // the discharge group's overspend rule is not by amounts.
        assert_eq!(f.rule_amounts.len(), 3);
    }

    #[test]
    fn amounts_that_do_not_read_have_no_total_and_no_outcome_no_comparison() {
        let broken = AGREED.replace(r#""council": "30000.00""#, r#""council": "30,000""#);
        let document = read_plan(&broken).unwrap();
        let f = figures(&document, None);
        let winter = f.rule_amounts.iter().find(|r| r.group == "winter").unwrap();
        assert_eq!(winter.total, None);
        assert!(winter.against.is_empty());
        let discharge = f
            .rule_amounts
            .iter()
            .find(|r| r.group == "discharge")
            .unwrap();
        assert_eq!(plain(discharge.total).as_deref(), Some("250000.00"));
        assert!(discharge.against.is_empty());
        assert!(f.shared.is_empty());
    }

    #[test]
    fn what_each_unit_shared_after_netting_and_its_reserve() {
        let (document, outcome) = evaluated(RESERVE);
        let f = figures(&document, Some(&outcome));
        let shared: Vec<_> = f
            .shared
            .iter()
            .map(|u| (u.unit.as_str(), u.shared.to_plain()))
            .collect();
        // Council pool: 855,555.55 − 429,507.08 netted − 250,000.00 from its reserve.
        assert_eq!(
            shared,
            [
                ("council-pool", "176048.47".to_owned()),
                ("icb-pool/C1", "59757.45".to_owned()),
                ("icb-pool/C2", "0.00".to_owned()),
                ("discharge", "-126543.22".to_owned()),
            ]
        );
        assert!(f.rule_amounts.is_empty());
    }
}
