//! The audit trail: an append-only log of every change, agreement, import, export and branch.
//! Each entry carries the hash of the one before, so editing or deleting any row with a SQLite
//! tool breaks the chain, and `verify` names the first entry that no longer holds.

use pooled_core::dates::Timestamp;
use pooled_core::hashing::sha256_hex_of_json;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::{EntrySeq, PlanId, ScenarioId};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an audit entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum AuditAction {
    CreateWorkspace,
    Import,
    Change,
    Branch,
    Describe,
    Agree,
    Supersede,
    Export,
    Backup,
    /// An action this version of Pooled does not know (a workspace written by a newer one, or
    /// altered by hand: `pooled audit verify` says which).
    Unknown,
}

impl AuditAction {
    /// As recorded in the trail, and covered by each entry's hash.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CreateWorkspace => "create-workspace",
            AuditAction::Import => "import",
            AuditAction::Change => "change",
            AuditAction::Branch => "branch",
            AuditAction::Describe => "describe",
            AuditAction::Agree => "agree",
            AuditAction::Supersede => "supersede",
            AuditAction::Export => "export",
            AuditAction::Backup => "backup",
            AuditAction::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> AuditAction {
        const KNOWN: [AuditAction; 9] = [
            AuditAction::CreateWorkspace,
            AuditAction::Import,
            AuditAction::Change,
            AuditAction::Branch,
            AuditAction::Describe,
            AuditAction::Agree,
            AuditAction::Supersede,
            AuditAction::Export,
            AuditAction::Backup,
        ];
        KNOWN
            .into_iter()
            .find(|a| a.as_str() == text)
            .unwrap_or(AuditAction::Unknown)
    }
}

/// One entry of the trail.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    pub seq: EntrySeq,
    pub at: Timestamp,
    pub actor: String,
    pub action: AuditAction,
    pub plan_id: Option<PlanId>,
    pub scenario_id: Option<ScenarioId>,
    /// What happened, as JSON: for a change, its path, values before and after, and reason.
    pub detail: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The fields an entry's hash covers, besides its place in the chain.
pub struct Hashed<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub plan_id: Option<i64>,
    pub scenario_id: Option<i64>,
    pub detail: &'a str,
}

/// An entry's hash, over a fixed, unambiguous encoding of the previous hash and its fields: the
/// compact JSON array `[prev_hash, seq, at, actor, action, plan_id, scenario_id, detail]`.
pub fn entry_hash(prev_hash: &str, seq: i64, e: &Hashed) -> String {
    sha256_hex_of_json(&(
        prev_hash,
        seq,
        e.at,
        e.actor,
        e.action,
        e.plan_id,
        e.scenario_id,
        e.detail,
    ))
}

/// What a new entry records; who made it and when come from the action it belongs to, and
/// `append` adds its number and hashes.
pub struct Entry {
    pub action: AuditAction,
    pub plan_id: Option<PlanId>,
    pub scenario_id: Option<ScenarioId>,
    pub detail: Value,
}

impl Entry {
    /// An entry about one scenario of a plan.
    pub fn about(action: AuditAction, plan: PlanId, scenario: ScenarioId, detail: Value) -> Entry {
        Entry {
            action,
            plan_id: Some(plan),
            scenario_id: Some(scenario),
            detail,
        }
    }

    /// An entry about the workspace as a whole.
    pub fn of_workspace(action: AuditAction, detail: Value) -> Entry {
        Entry {
            action,
            plan_id: None,
            scenario_id: None,
            detail,
        }
    }
}

/// Appends an entry after the last one; call inside the transaction of the action it records.
pub fn append(
    conn: &Connection,
    at: &Timestamp,
    actor: &str,
    entry: Entry,
) -> rusqlite::Result<EntrySeq> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let detail = entry.detail.to_string();
    let hashed = Hashed {
        at: at.as_str(),
        actor,
        action: entry.action.as_str(),
        plan_id: entry.plan_id.map(|p| p.0),
        scenario_id: entry.scenario_id.map(|s| s.0),
        detail: &detail,
    };
    let hash = entry_hash(&prev_hash, seq, &hashed);
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            seq,
            hashed.at,
            actor,
            hashed.action,
            entry.plan_id,
            entry.scenario_id,
            detail,
            prev_hash,
            hash
        ],
    )?;
    Ok(EntrySeq(seq))
}

/// Reads entries in order, optionally only those about one scenario.
pub fn entries(
    conn: &Connection,
    scenario_id: Option<ScenarioId>,
) -> rusqlite::Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash FROM audit
         WHERE ?1 IS NULL OR scenario_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([scenario_id], |r| {
        let detail: String = r.get(6)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: Timestamp::recorded(r.get::<_, String>(1)?),
            actor: r.get(2)?,
            action: AuditAction::parse(&r.get::<_, String>(3)?),
            plan_id: r.get(4)?,
            scenario_id: r.get(5)?,
            detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    rows.collect()
}

/// Which audit entries to show: all filters must match; `None` matches everything. Filtering
/// by item (a scheme, a stream…) needs each change read against its plan, which the API does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub scenario_id: Option<ScenarioId>,
    /// The person, compared without regard to case.
    pub who: Option<String>,
    /// Entries on or after this day (UTC).
    pub since: Option<chrono::NaiveDate>,
}

impl HistoryFilter {
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        let who = self
            .who
            .as_deref()
            .map(str::trim)
            .is_none_or(|w| entry.actor.eq_ignore_ascii_case(w));
        let since = self
            .since
            .is_none_or(|day| entry.at.day().is_some_and(|at| at >= day));
        who && since
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(actor: &str, at: &str) -> AuditEntry {
        AuditEntry {
            seq: EntrySeq(1),
            at: Timestamp::recorded(at),
            actor: actor.into(),
            action: AuditAction::Change,
            plan_id: Some(PlanId(1)),
            scenario_id: Some(ScenarioId(2)),
            detail: serde_json::json!({"path": "schemes[id=S01].forecast"}),
            prev_hash: GENESIS.into(),
            hash: GENESIS.into(),
        }
    }

    #[test]
    fn filters_by_person_and_day() {
        let entry = change("Ann Lee", "2025-10-14T09:30:00.000Z");
        let filter = |who: Option<&str>, since: Option<&str>| HistoryFilter {
            scenario_id: None,
            who: who.map(Into::into),
            since: since.map(|d| d.parse().unwrap()),
        };
        assert!(filter(None, None).matches(&entry));
        assert!(filter(Some(" ann lee "), Some("2025-10-14")).matches(&entry));
        assert!(!filter(Some("Raj Patel"), None).matches(&entry));
        assert!(!filter(None, Some("2025-10-15")).matches(&entry));
    }

    #[test]
    fn actions_read_back_as_written() {
        for text in ["create-workspace", "import", "change", "agree", "backup"] {
            assert_eq!(AuditAction::parse(text).as_str(), text);
        }
        assert_eq!(AuditAction::parse("rewrite"), AuditAction::Unknown);
    }
}
