//! The plan document `pooled-plan/1` exactly as written (spec §2): what the author typed, not yet
//! checked. Field names and nesting follow the spec; unknown fields are refused when reading.
//! Numbers stay as text ([`NumberText`]) and references stay as ids until validation.

use serde::{Deserialize, Serialize};

use super::objects_only::objects_only;

use super::entries::Entries;
use super::kinds::{AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind};
use super::number_text::{AmountText, WeightText};

objects_only!(
    PlanDocument,
    PartnerDoc,
    StreamDoc,
    SchemeDoc,
    FundingDoc,
    RiskShareDoc,
    GroupDoc,
    RuleDoc,
    BandDoc,
    RequirementsDoc,
    ContractDoc
);

/// The only format this version reads and writes.
pub const PLAN_FORMAT: &str = "pooled-plan/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PlanDocument {
    pub format: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub financial_year: String,
    pub partners: Vec<PartnerDoc>,
    pub host: String,
    pub streams: Vec<StreamDoc>,
    pub schemes: Vec<SchemeDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_share: Option<RiskShareDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<RequirementsDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contracts: Option<Vec<ContractDoc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PartnerDoc {
    pub id: String,
    pub name: String,
    pub kind: PartnerKind,
    /// An ODS or ONS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct StreamDoc {
    pub id: String,
    pub name: String,
    pub kind: StreamKind,
    pub partner: String,
    pub amount: AmountText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct SchemeDoc {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub scheme_type: SchemeType,
    pub area_of_spend: AreaOfSpend,
    pub commissioner: CommissionerDoc,
    pub provider: ProviderKind,
    pub funding: Vec<FundingDoc>,
    /// Absent means on budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<AmountText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One partner alone (`"icb"`), or a joint split (`{"joint": {"icb": "60", "la": "40"}}`).
/// Read by hand (see `commissioner_doc`): serde's untagged enums buffer their input, which would
/// lose the exact text of the percentages.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum CommissionerDoc {
    Partner(String),
    Joint(JointDoc),
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct JointDoc {
    pub joint: Entries<WeightText>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct FundingDoc {
    pub stream: String,
    pub amount: AmountText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RiskShareDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_group: Option<String>,
    pub groups: Vec<GroupDoc>,
    /// Netting sets (optional feature): each a list of group ids whose overspends and
    /// underspends cancel out before any sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offsets: Option<Vec<Vec<String>>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct GroupDoc {
    pub id: String,
    pub name: String,
    /// Defaults to the plan's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub overspend: RuleDoc,
    pub underspend: RuleDoc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_scheme: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<Entries<AmountText>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_at_contribution: Option<bool>,
    /// Money the group holds from earlier years (optional feature): drawn before any partner
    /// pays an overspend, and it takes what the group carries forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_reserve: Option<AmountText>,
    /// `false` makes the group an aligned budget: shares are worked out, no money moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle: Option<bool>,
}

/// A sharing rule. `shares` belongs to `fixed`, `bands` to `tiered` and `amounts` to
/// `pro_rata_amounts` and `agreed`; validation checks that.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RuleDoc {
    pub method: RuleMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<Entries<WeightText>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<BandDoc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Entries<AmountText>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct BandDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<AmountText>,
    pub rule: RuleDoc,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RequirementsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nhs_min_social_care: Option<AmountText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nhs_min_out_of_hospital: Option<AmountText>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ContractDoc {
    pub id: String,
    pub name: String,
    /// The provider's name; optional because it may not be known when a contract is planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub scheme: String,
    pub value: AmountText,
    pub start: String,
    pub end: String,
}
