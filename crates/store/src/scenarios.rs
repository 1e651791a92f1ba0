//! Plans and their scenarios: importing, listing, branching, describing and editing drafts.
//! Every edit is recorded as a change (who, when, which path, before, after, why) in the same
//! transaction that saves the new document, and refused if made on a stale revision.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

use pooled_core::assess::{Assessment, assess_document};
use pooled_core::dates::Timestamp;
use pooled_core::hashing::{canonical_json, sha256_hex};
use pooled_core::plan::edit::{self, Edit, EditKind};
use pooled_core::plan::{Plan, PlanDocument, read_plan, read_plan_bytes, validate};

use super::audit::{self, AuditAction, Entry};
use super::ids::{ChangeId, PlanId, Revision, ScenarioId};
use super::{StoreError, Workspace};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Agreed,
    Superseded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Agreed => "agreed",
            Status::Superseded => "superseded",
        }
    }

    fn parse(text: &str) -> Status {
        match text {
            "agreed" => Status::Agreed,
            "superseded" => Status::Superseded,
            _ => Status::Draft,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PlanSummary {
    pub id: PlanId,
    pub name: String,
    pub financial_year: String,
    pub created_at: Timestamp,
    pub created_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ScenarioSummary {
    pub id: ScenarioId,
    pub plan_id: PlanId,
    pub name: String,
    pub description: String,
    pub status: Status,
    pub branched_from: Option<ScenarioId>,
    /// How many changes have been made; pass it back with an edit to guard against stale copies.
    pub revision: Revision,
    pub created_at: Timestamp,
    pub created_by: String,
}

/// A scenario with its current document.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Scenario {
    #[serde(flatten)]
    pub summary: ScenarioSummary,
    pub document: PlanDocument,
}

impl std::ops::Deref for Scenario {
    type Target = ScenarioSummary;
    fn deref(&self) -> &ScenarioSummary {
        &self.summary
    }
}

/// What saving edits leaves: the new revision, the document saved and the plan checked from it.
#[derive(Clone, Debug)]
pub struct Saved {
    pub revision: Revision,
    pub document: PlanDocument,
    pub plan: Plan,
}

/// One recorded change to a draft.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ChangeRecord {
    pub id: ChangeId,
    pub scenario_id: ScenarioId,
    pub revision: Revision,
    pub at: Timestamp,
    pub author: String,
    pub op: EditKind,
    /// Where, as recorded: every list item by its identity (`schemes[id=S2].forecast`), or by
    /// position in changes recorded before Pooled named items by id.
    pub path: String,
    /// The position of the innermost list item changed, when the change was made (for an
    /// insert, where the item was put). None in changes recorded before positions were kept.
    #[ts(type = "number | null")]
    pub position: Option<usize>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub reason: Option<String>,
}

/// A scenario's starting document and every change made to it since, oldest first: what its
/// history is read from.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioHistory {
    pub base: Value,
    pub changes: Vec<ChangeRecord>,
}

const PLAN_COLUMNS: &str = "id, name, financial_year, created_at, created_by";

fn plan_row(r: &rusqlite::Row) -> rusqlite::Result<PlanSummary> {
    Ok(PlanSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        financial_year: r.get(2)?,
        created_at: Timestamp::recorded(r.get::<_, String>(3)?),
        created_by: r.get(4)?,
    })
}

const SCENARIO_COLUMNS: &str =
    "id, plan_id, name, description, status, branched_from, revision, created_at, created_by";

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<ScenarioSummary> {
    Ok(ScenarioSummary {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        status: Status::parse(&r.get::<_, String>(4)?),
        branched_from: r.get(5)?,
        revision: r.get(6)?,
        created_at: Timestamp::recorded(r.get::<_, String>(7)?),
        created_by: r.get(8)?,
    })
}

/// Reads and checks a plan file: a plan with errors never enters the workspace.
fn checked_document(bytes: &[u8]) -> Result<PlanDocument, StoreError> {
    let document = read_plan_bytes(bytes).map_err(|f| StoreError::InvalidPlan(vec![f]))?;
    validate(&document).map_err(StoreError::InvalidPlan)?;
    Ok(document)
}

pub(super) fn scenario_in(
    conn: &Connection,
    id: ScenarioId,
) -> Result<(ScenarioSummary, String), StoreError> {
    conn.query_row(
        &format!("SELECT {SCENARIO_COLUMNS}, document FROM scenarios WHERE id = ?1"),
        [id],
        |r| Ok((summary_row(r)?, r.get::<_, String>(9)?)),
    )
    .optional()?
    .ok_or(StoreError::UnknownScenario(id))
}

/// A stored document's JSON tree, to edit or replay changes on.
pub(super) fn stored_tree(text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Storage(format!("a stored plan is not JSON: {e}")))
}

/// Parses a stored document; the store only ever writes documents that read.
pub(super) fn stored_document(text: &str) -> Result<PlanDocument, StoreError> {
    read_plan(text)
        .map_err(|f| StoreError::Storage(format!("a stored plan no longer reads: {}", f.message)))
}

/// How a new scenario's audit entry says where it came from.
fn origin_detail(document: &str, scenario: &str, from: Value) -> Value {
    let mut detail = match from {
        Value::Object(fields) => fields,
        _ => serde_json::Map::new(),
    };
    detail.insert("scenario".into(), json!(scenario));
    detail.insert("document_sha256".into(), json!(sha256_hex(document)));
    Value::Object(detail)
}

/// Adds a draft scenario and its import or branch entry, returning its id.
fn insert_scenario(
    conn: &Connection,
    new: NewScenario,
    at: &Timestamp,
    actor: &str,
) -> Result<ScenarioId, StoreError> {
    conn.execute(
        "INSERT INTO scenarios (plan_id, name, description, branched_from, status, base_document, document, created_at, created_by)
         VALUES (?1, ?2, '', ?3, 'draft', ?4, ?4, ?5, ?6)",
        params![new.plan_id, new.name, new.from, new.document, at.as_str(), actor],
    )?;
    let id = ScenarioId(conn.last_insert_rowid());
    let (action, detail) = match new.from {
        Some(from) => (
            AuditAction::Branch,
            origin_detail(new.document, new.name, json!({"from": from})),
        ),
        None => (
            AuditAction::Import,
            origin_detail(new.document, new.name, json!({"source": new.source})),
        ),
    };
    audit::append(
        conn,
        at,
        actor,
        Entry::about(action, new.plan_id, id, detail),
    )?;
    Ok(id)
}

/// A scenario about to be added.
struct NewScenario<'a> {
    plan_id: PlanId,
    name: &'a str,
    /// The scenario it was branched from, or none for an import.
    from: Option<ScenarioId>,
    /// For an import, the file it came from.
    source: &'a str,
    document: &'a str,
}

impl Workspace {
    /// Imports a plan file as a new plan with one draft scenario; returns the scenario's id.
    pub fn import_plan(
        &mut self,
        bytes: &[u8],
        scenario_name: &str,
        source: &str,
    ) -> Result<ScenarioId, StoreError> {
        let document = checked_document(bytes)?;
        let canonical = canonical_json(&document);
        self.try_write(|conn, at, actor| {
            conn.execute(
                "INSERT INTO plans (name, financial_year, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
                params![document.name, document.financial_year, at.as_str(), actor],
            )?;
            let plan_id = PlanId(conn.last_insert_rowid());
            let new = NewScenario { plan_id, name: scenario_name, from: None, source, document: &canonical };
            insert_scenario(conn, new, at, actor)
        })
    }

    /// Imports a plan file as a new draft scenario of an existing plan (same financial year).
    pub fn import_scenario(
        &mut self,
        plan_id: PlanId,
        bytes: &[u8],
        name: &str,
        source: &str,
    ) -> Result<ScenarioId, StoreError> {
        let plan = self.plan(plan_id)?;
        let document = checked_document(bytes)?;
        if document.financial_year != plan.financial_year {
            return Err(StoreError::BadImport(format!(
                "Plan {plan_id} is for {}, but this file is for {}; import it as a new plan instead.",
                plan.financial_year, document.financial_year
            )));
        }
        let canonical = canonical_json(&document);
        self.try_write(|conn, at, actor| {
            let new = NewScenario {
                plan_id,
                name,
                from: None,
                source,
                document: &canonical,
            };
            insert_scenario(conn, new, at, actor)
        })
    }

    pub fn plan(&self, id: PlanId) -> Result<PlanSummary, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = ?1"),
                [id],
                plan_row,
            )
            .optional()?
            .ok_or(StoreError::UnknownPlan(id))
    }

    pub fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {PLAN_COLUMNS} FROM plans ORDER BY id"))?;
        let rows = stmt.query_map([], plan_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Scenarios in the order they were made, of one plan or of all.
    pub fn scenarios(&self, plan_id: Option<PlanId>) -> Result<Vec<ScenarioSummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SCENARIO_COLUMNS} FROM scenarios WHERE ?1 IS NULL OR plan_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([plan_id], summary_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A scenario's summary, without reading its document.
    pub fn summary(&self, id: ScenarioId) -> Result<ScenarioSummary, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SCENARIO_COLUMNS} FROM scenarios WHERE id = ?1"),
                [id],
                summary_row,
            )
            .optional()?
            .ok_or(StoreError::UnknownScenario(id))
    }

    pub fn scenario(&self, id: ScenarioId) -> Result<Scenario, StoreError> {
        let (summary, document) = scenario_in(&self.conn, id)?;
        Ok(Scenario {
            summary,
            document: stored_document(&document)?,
        })
    }

    /// A scenario's outcome, computed from its document. For an agreed version the outcome
    /// frozen at agreement is in [`Workspace::agreed_version`].
    pub fn assessment(&self, id: ScenarioId) -> Result<Assessment, StoreError> {
        let scenario = self.scenario(id)?;
        Ok(assess_document(&scenario.document))
    }

    /// Every change made to a scenario, oldest first.
    pub fn changes(&self, scenario_id: ScenarioId) -> Result<Vec<ChangeRecord>, StoreError> {
        scenario_in(&self.conn, scenario_id)?;
        changes_in(&self.conn, scenario_id)
    }

    /// A scenario's starting document and its changes: everything its history is read from.
    pub fn scenario_history(&self, id: ScenarioId) -> Result<ScenarioHistory, StoreError> {
        let base: String = self
            .conn
            .query_row(
                "SELECT base_document FROM scenarios WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::UnknownScenario(id))?;
        Ok(ScenarioHistory {
            base: stored_tree(&base)?,
            changes: changes_in(&self.conn, id)?,
        })
    }

    /// Starts a new draft from any scenario, agreed ones included.
    pub fn branch(&mut self, from: ScenarioId, name: &str) -> Result<ScenarioId, StoreError> {
        self.try_write(|conn, at, actor| {
            let (source, document) = scenario_in(conn, from)?;
            let new = NewScenario {
                plan_id: source.plan_id,
                name,
                from: Some(from),
                source: "",
                document: &document,
            };
            insert_scenario(conn, new, at, actor)
        })
    }

    /// Renames or re-describes a draft.
    pub fn describe(
        &mut self,
        id: ScenarioId,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Result<(), StoreError> {
        self.try_write(|conn, at, actor| {
            let (scenario, _) = scenario_in(conn, id)?;
            ensure_draft(&scenario)?;
            let name = name.unwrap_or(&scenario.name);
            let description = description.unwrap_or(&scenario.description);
            conn.execute("UPDATE scenarios SET name = ?2, description = ?3 WHERE id = ?1", params![id, name, description])?;
            let detail = json!({"name": [scenario.name, name], "description": [scenario.description, description]});
            audit::append(conn, at, actor, Entry::about(AuditAction::Describe, scenario.plan_id, id, detail))?;
            Ok(())
        })
    }

    /// Applies edits to a draft as one action. `expected_revision` is the revision the caller
    /// last saw: if someone else has changed the scenario since, nothing is saved. The edited
    /// plan must have no errors. Returns the new revision.
    pub fn edit(
        &mut self,
        id: ScenarioId,
        expected_revision: Revision,
        edits: &[Edit],
        reason: Option<&str>,
    ) -> Result<Revision, StoreError> {
        Ok(self
            .save_edits(id, expected_revision, edits, reason)?
            .revision)
    }

    /// [`Workspace::edit`], also returning the document saved and the plan checked from it, so
    /// that the caller can evaluate it without reading it again. Each change is recorded with
    /// its path naming list items by their identity, whatever form the edit's path was in.
    pub fn save_edits(
        &mut self,
        id: ScenarioId,
        expected_revision: Revision,
        edits: &[Edit],
        reason: Option<&str>,
    ) -> Result<Saved, StoreError> {
        self.try_write(|conn, at, actor| {
            let (scenario, stored) = scenario_in(conn, id)?;
            ensure_draft(&scenario)?;
            if scenario.revision != expected_revision {
                return Err(conflict(conn, id, expected_revision, scenario.revision)?);
            }
            // The edits apply to the stored document's JSON tree, which is read back once at
            // the end: one action is one change, whatever happens in between.
            let mut tree = stored_tree(&stored)?;
            let mut revision = scenario.revision;
            let reason = reason.map(str::trim).filter(|r| !r.is_empty());
            let mut insert_change = conn.prepare_cached(
                "INSERT INTO changes (scenario_id, revision, at, author, op, path, position, before, after, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in edits {
                let applied = edit::apply_to_tree(&mut tree, e)?;
                revision = revision.next();
                let before = applied.before.as_ref().map(Value::to_string);
                let after = applied.after.as_ref().map(Value::to_string);
                let op = e.kind.as_str();
                let path = applied.path.to_string();
                let position = applied.position.map(|p| p as i64);
                insert_change.execute(params![id, revision, at.as_str(), actor, op, path, position, before, after, reason])?;
                let detail = ChangeDetail { change: conn.last_insert_rowid(), revision: revision.0, op, path: &path, position, before: before.as_deref(), after: after.as_deref(), reason };
                let detail = serde_json::to_value(&detail).map_err(|e| StoreError::Storage(e.to_string()))?;
                audit::append(conn, at, actor, Entry::about(AuditAction::Change, scenario.plan_id, id, detail))?;
            }
            let document = edit::read_tree(&tree)?;
            let plan = validate(&document).map_err(StoreError::InvalidPlan)?;
            let updated = conn.execute(
                "UPDATE scenarios SET document = ?2, revision = ?3 WHERE id = ?1 AND revision = ?4",
                params![id, canonical_json(&document), revision, expected_revision],
            )?;
            if updated != 1 {
                return Err(StoreError::Storage("the scenario changed while saving".into()));
            }
            Ok(Saved {
                revision,
                document,
                plan,
            })
        })
    }
}

/// The error for an action taken on a stale revision, naming who last changed the scenario.
pub(super) fn conflict(
    conn: &Connection,
    id: ScenarioId,
    expected: Revision,
    actual: Revision,
) -> Result<StoreError, StoreError> {
    let (by, at) = conn
        .query_row(
            "SELECT author, at FROM changes WHERE scenario_id = ?1 ORDER BY revision DESC LIMIT 1",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .unwrap_or_else(|| ("someone".into(), "an unknown time".into()));
    Ok(StoreError::Conflict {
        scenario: id,
        expected,
        actual,
        by,
        at,
    })
}

pub(super) fn ensure_draft(scenario: &ScenarioSummary) -> Result<(), StoreError> {
    match scenario.status {
        Status::Draft => Ok(()),
        status => Err(StoreError::Frozen {
            scenario: scenario.id,
            status: status.as_str(),
        }),
    }
}

/// The audit detail of a change: exactly the change row's own fields (`before` and `after` as
/// the JSON text the row holds), so verification can rebuild it from the row and compare.
/// Serialised in this field order; `position` is left out when there is none, so the entries
/// written before positions were kept still match their rows.
#[derive(Serialize)]
pub(super) struct ChangeDetail<'a> {
    pub change: i64,
    pub revision: i64,
    pub op: &'a str,
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub reason: Option<&'a str>,
}

pub(super) fn changes_in(
    conn: &Connection,
    scenario_id: ScenarioId,
) -> Result<Vec<ChangeRecord>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, scenario_id, revision, at, author, op, path, position, before, after, reason
         FROM changes WHERE scenario_id = ?1 ORDER BY revision",
    )?;
    let parse =
        |text: Option<String>| text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)));
    let rows = stmt.query_map([scenario_id], |r| {
        Ok(ChangeRecord {
            id: r.get(0)?,
            scenario_id: r.get(1)?,
            revision: r.get(2)?,
            at: Timestamp::recorded(r.get::<_, String>(3)?),
            author: r.get(4)?,
            op: EditKind::parse(&r.get::<_, String>(5)?).unwrap_or(EditKind::Set),
            path: r.get(6)?,
            position: r
                .get::<_, Option<i64>>(7)?
                .and_then(|p| usize::try_from(p).ok()),
            before: parse(r.get(8)?),
            after: parse(r.get(9)?),
            reason: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
