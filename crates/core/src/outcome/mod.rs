//! The outcome document `pooled-outcome/1` (spec §4). Field order is fixed by the structs, so the
//! same plan always gives the same bytes. Amounts serialise as strings with two decimals.

use serde::Serialize;

use crate::findings::Finding;
use crate::money::Money;

mod partner_amounts;

pub use partner_amounts::PartnerAmounts;

pub const OUTCOME_FORMAT: &str = "pooled-outcome/1";

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Outcome {
    pub format: &'static str,
    pub financial_year: String,
    pub totals: Totals,
    pub partners: Vec<PartnerOutcome>,
    pub units: Vec<UnitOutcome>,
    pub schemes: Vec<SchemeOutcome>,
    pub settlement: Vec<Transfer>,
    pub instalments: Vec<Instalment>,
    pub contracts: Vec<ContractOutcome>,
    pub requirements: RequirementsOutcome,
    pub findings: Vec<Finding>,
}

/// What is written for a plan with errors: the format and the findings only.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Rejection {
    pub format: &'static str,
    pub findings: Vec<Finding>,
}

impl Rejection {
    pub fn new(findings: Vec<Finding>) -> Rejection {
        Rejection {
            format: OUTCOME_FORMAT,
            findings,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Totals {
    pub income: Money,
    pub budget: Money,
    pub forecast: Money,
    pub variance: Money,
    pub unallocated_income: Money,
    pub uncovered: Money,
    pub carried_forward: Money,
    /// Σ drawn from reserves; only when some group has an opening reserve.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reserve_drawn: Option<Money>,
    /// Σ closing reserve over the groups with an opening reserve.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closing_reserve: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PartnerOutcome {
    pub id: String,
    pub contribution: Money,
    pub overspend_share: Money,
    /// A non-negative amount returned to the partner.
    pub underspend_share: Money,
    pub net_share: Money,
    pub final_cost: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Applied {
    Overspend,
    Underspend,
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct UnitOutcome {
    pub id: String,
    pub group: String,
    pub budget: Money,
    pub forecast: Money,
    pub variance: Money,
    /// The signed amount netted away against other pools (§3 step 2a); only for a unit of a
    /// group in a netting set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub offset: Option<Money>,
    /// The variance left after netting, V − offset; present exactly when `offset` is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shared_variance: Option<Money>,
    /// Only for a unit of a group with an opening reserve.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reserve: Option<ReserveOutcome>,
    pub applied: Applied,
    /// Signed: a negative share is money returned to the partner.
    pub allocation: PartnerAmounts,
    pub uncovered: Money,
    pub carried_forward: Money,
    /// `Some(false)` for a unit of an aligned budget (no money moves); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub settled: Option<bool>,
    /// How the allocation was reached, for people checking it (not part of the document).
    #[serde(skip)]
    pub working: UnitWorking,
}

/// A group's reserve in its unit: what it opened with, what the overspend drew, what it closes
/// with (opening − drawn + carried forward).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ReserveOutcome {
    pub opening: Money,
    pub drawn: Money,
    pub closing: Money,
}

impl UnitOutcome {
    /// The amount the rules shared (X of §3 step 2): the variance less what netting and the
    /// reserve covered.
    pub fn shared_amount(&self) -> Money {
        let after_netting = self.shared_variance.unwrap_or(self.variance);
        let drawn = self.reserve.map_or(Money::ZERO, |r| r.drawn);
        // Both are parts of the variance the engine already computed, so this cannot overflow.
        after_netting.checked_sub(drawn).unwrap_or(after_netting)
    }

    /// Whether money moves for the unit's shares (false for an aligned budget).
    pub fn settles(&self) -> bool {
        self.settled != Some(false)
    }
}

/// The steps behind a unit's allocation, in the order they were taken.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitWorking {
    /// Each partner's contribution to the unit's schemes, the weights for pro rata and caps.
    pub contributions: Vec<Money>,
    /// One entry per band for a tiered rule; one entry for any other rule.
    pub slices: Vec<SliceWorking>,
    /// Each round of capping, while some partner's share exceeded its cap.
    pub cap_rounds: Vec<CapRound>,
    /// Each partner's cap in this unit, where it has one.
    pub caps: Vec<Option<Money>>,
}

/// One slice of a variance (a band, or the whole) and how it was shared.
#[derive(Clone, Debug, PartialEq)]
pub struct SliceWorking {
    /// The band's upper threshold; `None` for the last band or a rule without bands.
    pub up_to: Option<Money>,
    pub amount: Money,
    pub shares: Vec<Money>,
    pub uncovered: Money,
    pub carried_forward: Money,
    /// The rule's weights were all zero, so the slice could not be shared.
    pub zero_weights: bool,
    /// For an agreed rule: |amount| − Σ agreed amounts, which is left uncovered (overspend) or
    /// carried forward (underspend) as it is; negative when the amounts exceed the amount.
    pub agreed_difference: Option<Money>,
}

/// One round of capping: shares cut back to caps, and where the excess went.
#[derive(Clone, Debug, PartialEq)]
pub struct CapRound {
    /// Partners whose share was cut back in this round.
    pub capped: Vec<usize>,
    pub excess: Money,
    /// What each partner received of the excess (zero for all when it was uncovered).
    pub redistributed: Vec<Money>,
    pub uncovered: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SchemeOutcome {
    pub id: String,
    pub budget: Money,
    pub forecast: Money,
    pub variance: Money,
    pub contributions: PartnerAmounts,
    pub committed: Money,
    pub uncommitted: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Transfer {
    pub from: String,
    pub to: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Instalment {
    pub partner: String,
    /// ISO date, the first of a month.
    pub due: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ContractOutcome {
    pub id: String,
    pub fy_value: Money,
    /// M1 (April) to M12 (March).
    pub monthly: Vec<Money>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct RequirementsOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhs_min_social_care: Option<RequirementCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhs_min_out_of_hospital: Option<RequirementCheck>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct RequirementCheck {
    pub required: Money,
    pub planned: Money,
}

impl RequirementCheck {
    pub fn is_met(self) -> bool {
        self.planned >= self.required
    }
}
