//! A checked plan, ready for the engine: amounts are [`Money`], weights are [`Weight`], dates are
//! dates and every reference is an index into its list. Only validation builds one.

use chrono::NaiveDate;

use super::kinds::{AreaOfSpend, PartnerKind, ProviderKind, SchemeType, StreamKind};
use crate::fiscal::FinancialYear;
use crate::money::Money;
use crate::weight::Weight;

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub name: String,
    pub area: Option<String>,
    pub year: FinancialYear,
    pub partners: Vec<Partner>,
    /// Index of the plan's host in `partners`.
    pub host: usize,
    pub streams: Vec<Stream>,
    pub schemes: Vec<Scheme>,
    /// The risk-share groups in order; a plan without `risk_share` has the one group `pool`.
    pub groups: Vec<Group>,
    pub requirements: Requirements,
    pub contracts: Vec<Contract>,
    /// 1, 2, 4 or 12.
    pub instalments: u32,
    /// Netting sets: each a list of group positions (at least two, each group in one set).
    pub offsets: Vec<Vec<usize>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub kind: PartnerKind,
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    pub id: String,
    pub name: String,
    pub kind: StreamKind,
    pub partner: usize,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    pub scheme_type: SchemeType,
    pub area_of_spend: AreaOfSpend,
    pub provider: ProviderKind,
    /// Who commissions the scheme and what percentage each: one partner alone is `[(p, 100)]`.
    pub commissioners: Vec<(usize, Weight)>,
    pub funding: Vec<Funding>,
    /// The sum of the funding lines.
    pub budget: Money,
    pub forecast: Money,
    pub group: usize,
    pub description: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Funding {
    pub stream: usize,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// The group's own host, else the plan's.
    pub host: usize,
    pub overspend: Rule,
    pub underspend: Rule,
    pub per_scheme: bool,
    /// One entry per partner, in partner order: `Some(cap)` where `caps` names the partner.
    pub caps: Vec<Option<Money>>,
    pub cap_at_contribution: bool,
    /// The reserve the group brings forward from earlier years; `None` when it keeps none.
    pub opening_reserve: Option<Money>,
    /// `false` for an aligned budget: shares are worked out but no money moves.
    pub settle: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    ProRataContributions,
    ProRataCommissioned,
    /// One weight per partner, in partner order (absent partners 0); never all zero.
    Fixed(Vec<Weight>),
    Host,
    /// Bands in order: every band but the last has a threshold, strictly increasing.
    Tiered(Vec<Band>),
    CarryForward,
    /// Weights stated as amounts, one per partner in partner order; never all zero.
    ProRataAmounts(Vec<Money>),
    /// The shares themselves, as magnitudes on the rule's side, one per partner in partner order.
    Agreed(Vec<Money>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub up_to: Option<Money>,
    pub rule: Rule,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Requirements {
    pub nhs_min_social_care: Option<Money>,
    pub nhs_min_out_of_hospital: Option<Money>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contract {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
    pub scheme: usize,
    pub value: Money,
    pub start: NaiveDate,
    pub end: NaiveDate,
}
