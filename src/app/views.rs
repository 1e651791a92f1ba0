//! The shapes the window works with. Amounts inside are exact strings ("1234.50").

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::assess::Assessment;
use crate::compare::Comparison;
use crate::plan::PlanDocument;
use crate::plan::edit::EditKind;
use crate::store::{PlanSummary, ScenarioSummary, SignOff};

/// Everything in the open workspace, for the Workspace screen.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct WorkspaceView {
    pub path: String,
    /// Who the changes are recorded as.
    pub actor: String,
    pub plans: Vec<PlanView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PlanView {
    #[serde(flatten)]
    pub plan: PlanSummary,
    pub scenarios: Vec<ScenarioSummary>,
}

/// One scenario as the editor shows it: the document, its outcome (or the errors that stop
/// one), and for an agreed version what was signed.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ScenarioView {
    #[serde(flatten)]
    pub summary: ScenarioSummary,
    pub document: PlanDocument,
    pub assessment: Assessment,
    pub agreement: Option<AgreementView>,
}

/// What an edit sends back: the scenario's new revision and outcome, and its document only when
/// an edit changed the document's shape (an insert or a remove). After `set`s alone the window
/// puts the values it sent in place itself: the store saves exactly those values, and a
/// 1,000-scheme document need not cross to the window again on every keystroke.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct EditResult {
    #[serde(flatten)]
    pub summary: ScenarioSummary,
    pub assessment: Assessment,
    pub document: Option<PlanDocument>,
}

/// What was signed when a scenario was agreed.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AgreementView {
    pub agreed_at: String,
    pub agreed_by: String,
    pub document_sha256: String,
    pub outcome_sha256: String,
    pub signoffs: Vec<SignOff>,
}

/// One edit as the window sends it: `{"op": "set", "path": "schemes[3].forecast", "value": "1200.00"}`.
#[derive(Clone, Debug, PartialEq, Deserialize, ts_rs::TS)]
pub struct EditRequest {
    pub op: EditKind,
    pub path: String,
    /// The new value for `set` and `insert`; amounts as strings.
    #[serde(default)]
    #[ts(optional)]
    pub value: Option<Value>,
}

/// A new plan: blank (two partners, nothing else) or a copy of the demo.
#[derive(Clone, Debug, PartialEq, Deserialize, ts_rs::TS)]
#[serde(tag = "template", rename_all = "lowercase")]
pub enum NewPlan {
    Blank {
        name: String,
        /// `2025-26`
        financial_year: String,
    },
    Demo,
}

/// Filters for the History screen; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Deserialize, ts_rs::TS)]
pub struct HistoryQuery {
    #[serde(default)]
    #[ts(type = "number | null", optional)]
    pub scenario_id: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub who: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub field: Option<String>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    #[ts(optional)]
    pub since: Option<String>,
}

/// The first scenario compared with one other.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ComparisonView {
    #[ts(type = "number")]
    pub left: i64,
    #[ts(type = "number")]
    pub right: i64,
    pub comparison: Comparison,
}

impl std::ops::Deref for EditResult {
    type Target = ScenarioSummary;
    fn deref(&self) -> &ScenarioSummary {
        &self.summary
    }
}

impl std::ops::Deref for ScenarioView {
    type Target = ScenarioSummary;
    fn deref(&self) -> &ScenarioSummary {
        &self.summary
    }
}
