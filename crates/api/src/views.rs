//! The shapes the command line and the window work with. Amounts inside are exact strings
//! ("1234.50"); ids are the workspace's own number types.

use pooled_core::assess::Assessment;
use pooled_core::compare::Comparison;
use pooled_core::figures::Figures;
use pooled_core::history::{ChangeReading, Subject, SubjectName};
use pooled_core::money::Money;
use pooled_core::plan::PlanDocument;
use pooled_core::plan::edit::EditKind;
use pooled_core::rule_reading::GroupReading;
use pooled_store::{AuditEntry, PlanSummary, ScenarioId, ScenarioSummary, SignOff};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything in the open workspace, for the Workspace screen and `pooled list`.
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
    /// Every sum the window shows, worked out here so that it adds up nothing itself.
    pub figures: Figures,
    /// Each risk-share group's rules in words, as the board paper reads them.
    pub readings: Vec<GroupReading>,
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
    /// A few figures per scheme: small beside the document, even for a 1,000-scheme plan.
    pub figures: Figures,
    pub readings: Vec<GroupReading>,
    pub document: Option<PlanDocument>,
}

/// What the scenario would look like with edits not yet saved.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PreviewView {
    pub assessment: Assessment,
    /// Worked out even when the edits leave errors: each scheme's budget where it reads.
    pub figures: Figures,
    /// `None` while the edits leave the plan with errors (the window keeps the last ones).
    pub readings: Option<Vec<GroupReading>>,
}

/// What was signed when a scenario was agreed.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AgreementView {
    pub agreed_at: pooled_core::dates::Timestamp,
    pub agreed_by: String,
    pub document_sha256: String,
    pub outcome_sha256: String,
    pub signoffs: Vec<SignOff>,
}

/// One edit as the window sends it: `{"op": "set", "path": "schemes[id=S3].forecast", "value":
/// "1200.00"}`. A path may also name a list item by position; it is recorded by the item's id.
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

/// Filters for the history; what is left out means "any".
#[derive(Clone, Debug, Default, PartialEq, Deserialize, ts_rs::TS)]
pub struct HistoryQuery {
    #[serde(default)]
    #[ts(optional)]
    pub scenario_id: Option<ScenarioId>,
    #[serde(default)]
    #[ts(optional)]
    pub who: Option<String>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    #[ts(optional)]
    pub since: Option<String>,
    /// Only the changes made to this item, followed across renames.
    #[serde(default)]
    #[ts(optional)]
    pub subject: Option<Subject>,
}

/// One audit entry, read: what it records in a sentence, and for a change the change read
/// against the plan it was made to.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// "Reablement beds (S02): forecast £5,602,734.00 → £100.00, because …", "Agreed, signed off
    /// by …".
    pub text: String,
    pub change: Option<ChangeReading>,
}

/// The history matching a query, newest last, and the items it can be filtered by.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct HistoryView {
    pub entries: Vec<HistoryEntry>,
    /// Every partner, stream, scheme, group and contract of the scenarios asked about, with
    /// those no longer in them, by name.
    pub subjects: Vec<SubjectName>,
}

/// The first scenario compared with one other.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ComparisonView {
    pub left: ScenarioId,
    pub right: ScenarioId,
    pub comparison: Comparison,
}

/// Two scenarios side by side, for `pooled diff`: both summaries, the comparison, and names.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffView {
    pub left: ScenarioSummary,
    pub right: ScenarioSummary,
    pub comparison: Comparison,
    /// Partner and scheme names by id, from the right-hand plan (then the left).
    pub names: Vec<(String, String)>,
}

impl DiffView {
    /// The name of a partner or scheme, else its id.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names
            .iter()
            .find(|(i, _)| i == id)
            .map_or(id, |(_, name)| name.as_str())
    }
}

/// What a change made from the command line did: the scenario now, the change in words, and
/// how each partner's final cost moved.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeReport {
    pub summary: ScenarioSummary,
    pub readings: Vec<String>,
    pub partners: Vec<PartnerMove>,
}

/// A partner's final cost before and after; `None` where it has none (not a partner then, or
/// the plan had errors).
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerMove {
    pub name: String,
    pub before: Option<Money>,
    pub after: Option<Money>,
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

impl std::ops::Deref for PreviewView {
    type Target = Assessment;
    fn deref(&self) -> &Assessment {
        &self.assessment
    }
}
