//! Agreeing a scenario: its document and outcome are frozen with their SHA-256, the sign-offs
//! are recorded, and any version agreed earlier for the same plan becomes superseded.

use pooled_core::dates::{Timestamp, parse_iso_date};
use pooled_core::signoff::SignOff;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, AuditAction, Entry};
use super::ids::{Revision, ScenarioId};
use super::scenarios::{conflict, ensure_draft, scenario_in, stored_document};
use super::{StoreError, Workspace};
use pooled_core::assess::{Assessment, assess_document};
use pooled_core::hashing::{canonical_json, sha256_hex};

/// A frozen, agreed version of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AgreedVersion {
    pub scenario_id: ScenarioId,
    pub agreed_at: Timestamp,
    pub agreed_by: String,
    pub document_sha256: String,
    pub outcome_sha256: String,
    pub signoffs: Vec<SignOff>,
    /// The canonical JSON of the plan document and of the outcome, exactly as agreed.
    pub document: String,
    pub outcome: String,
}

fn check_signoffs(signoffs: &[SignOff]) -> Result<(), StoreError> {
    if signoffs.is_empty() {
        return Err(StoreError::BadSignOff(
            "An agreement needs at least one sign-off (name, role, organisation, date).".into(),
        ));
    }
    for (i, s) in signoffs.iter().enumerate() {
        let n = i + 1;
        for (field, value) in [
            ("name", &s.name),
            ("role", &s.role),
            ("organisation", &s.organisation),
        ] {
            if value.trim().is_empty() {
                return Err(StoreError::BadSignOff(format!(
                    "Sign-off {n} has no {field}."
                )));
            }
        }
        if parse_iso_date(&s.date).is_none() {
            return Err(StoreError::BadSignOff(format!(
                "Sign-off {n} ({}) is dated '{}', which is not a date written YYYY-MM-DD.",
                s.name, s.date
            )));
        }
    }
    Ok(())
}

impl Workspace {
    /// Agrees a draft at the revision the caller saw, with its sign-offs, and returns the frozen
    /// version. Earlier agreed versions of the same plan become superseded.
    pub fn agree(
        &mut self,
        id: ScenarioId,
        expected_revision: Revision,
        signoffs: &[SignOff],
    ) -> Result<AgreedVersion, StoreError> {
        check_signoffs(signoffs)?;
        self.try_write(|conn, at, actor| {
            let (scenario, stored) = scenario_in(conn, id)?;
            ensure_draft(&scenario)?;
            if scenario.revision != expected_revision {
                return Err(conflict(conn, id, expected_revision, scenario.revision)?);
            }
            let document = stored_document(&stored)?;
            let outcome = match assess_document(&document) {
                Assessment::Evaluated(outcome) => outcome,
                Assessment::Rejected(r) => return Err(StoreError::InvalidPlan(r.findings)),
            };
            let document_text = canonical_json(&document);
            let outcome_text = canonical_json(&outcome);
            let (document_sha256, outcome_sha256) = (sha256_hex(&document_text), sha256_hex(&outcome_text));

            let earlier: Vec<ScenarioId> = conn
                .prepare("SELECT id FROM scenarios WHERE plan_id = ?1 AND status = 'agreed' ORDER BY id")?
                .query_map([scenario.plan_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            // Agreed first: an earlier version may be superseded only once a newer one is agreed.
            conn.execute("UPDATE scenarios SET status = 'agreed' WHERE id = ?1", [id])?;
            for old in &earlier {
                conn.execute("UPDATE scenarios SET status = 'superseded' WHERE id = ?1", [old])?;
                let detail = json!({"by": id});
                audit::append(conn, at, actor, Entry::about(AuditAction::Supersede, scenario.plan_id, *old, detail))?;
            }
            conn.execute(
                "INSERT INTO agreements (scenario_id, agreed_at, agreed_by, document, document_sha256, outcome, outcome_sha256,
                 signoff_count, partner_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    at.as_str(),
                    actor,
                    document_text,
                    document_sha256,
                    outcome_text,
                    outcome_sha256,
                    signoffs.len() as i64,
                    outcome.partners.len() as i64
                ],
            )?;
            for (position, s) in signoffs.iter().enumerate() {
                conn.execute(
                    "INSERT INTO signoffs (scenario_id, position, name, role, organisation, signed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, position as i64, s.name.trim(), s.role.trim(), s.organisation.trim(), s.date],
                )?;
            }
            for (position, p) in outcome.partners.iter().enumerate() {
                conn.execute(
                    "INSERT INTO agreed_positions (scenario_id, position, partner_id, contribution_pence, overspend_share_pence,
                     underspend_share_pence, final_cost_pence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id,
                        position as i64,
                        p.id,
                        p.contribution.pence(),
                        p.overspend_share.pence(),
                        p.underspend_share.pence(),
                        p.final_cost.pence()
                    ],
                )?;
            }
            let detail = agree_detail(&document_sha256, &outcome_sha256, signoffs, &earlier);
            audit::append(conn, at, actor, Entry::about(AuditAction::Agree, scenario.plan_id, id, detail))?;
            Ok(())
        })?;
        self.agreed_version(id)?
            .ok_or(StoreError::UnknownScenario(id))
    }

    /// The frozen version of an agreed (or since superseded) scenario; `None` for a draft.
    pub fn agreed_version(&self, id: ScenarioId) -> Result<Option<AgreedVersion>, StoreError> {
        scenario_in(&self.conn, id)?;
        agreed_in(&self.conn, id)
    }
}

/// The audit detail of an agreement: the hashes, the sign-offs and what it supersedes.
pub(super) fn agree_detail(
    document_sha256: &str,
    outcome_sha256: &str,
    signoffs: &[SignOff],
    superseded: &[ScenarioId],
) -> serde_json::Value {
    json!({"document_sha256": document_sha256, "outcome_sha256": outcome_sha256, "signoffs": signoffs, "supersedes": superseded})
}

pub(super) fn agreed_in(
    conn: &Connection,
    id: ScenarioId,
) -> Result<Option<AgreedVersion>, StoreError> {
    let version = conn
        .query_row(
            "SELECT agreed_at, agreed_by, document_sha256, outcome_sha256, document, outcome FROM agreements WHERE scenario_id = ?1",
            [id],
            |r| {
                Ok(AgreedVersion {
                    scenario_id: id,
                    agreed_at: Timestamp::recorded(r.get::<_, String>(0)?),
                    agreed_by: r.get(1)?,
                    document_sha256: r.get(2)?,
                    outcome_sha256: r.get(3)?,
                    signoffs: Vec::new(),
                    document: r.get(4)?,
                    outcome: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(mut version) = version else {
        return Ok(None);
    };
    let mut stmt = conn.prepare("SELECT name, role, organisation, signed_on FROM signoffs WHERE scenario_id = ?1 ORDER BY position")?;
    version.signoffs = stmt
        .query_map([id], |r| {
            Ok(SignOff {
                name: r.get(0)?,
                role: r.get(1)?,
                organisation: r.get(2)?,
                date: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(version))
}
