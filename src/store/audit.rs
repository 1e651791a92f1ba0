//! The audit trail: an append-only log of every change, agreement, import, export and branch.
//! Each entry carries the hash of the one before, so editing or deleting any row with a SQLite
//! tool breaks the chain, and `verify` names the first entry that no longer holds.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

use super::hashing::sha256_hex_of_json;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the trail.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    /// `create-workspace`, `import`, `change`, `branch`, `describe`, `agree`, `supersede`,
    /// `export` or `backup`.
    pub action: String,
    #[ts(type = "number | null")]
    pub plan_id: Option<i64>,
    #[ts(type = "number | null")]
    pub scenario_id: Option<i64>,
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

/// The facts of a new entry; `append` adds the sequence number and hashes.
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub plan_id: Option<i64>,
    pub scenario_id: Option<i64>,
    pub detail: Value,
}

/// Appends an entry after the last one; call inside the transaction of the action it records.
pub fn append(conn: &Connection, entry: NewEntry) -> rusqlite::Result<i64> {
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
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        plan_id: entry.plan_id,
        scenario_id: entry.scenario_id,
        detail: &detail,
    };
    let hash = entry_hash(&prev_hash, seq, &hashed);
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.plan_id,
            entry.scenario_id,
            detail,
            prev_hash,
            hash
        ],
    )?;
    Ok(seq)
}

/// Reads entries in order, optionally only those about one scenario.
pub fn entries(conn: &Connection, scenario_id: Option<i64>) -> rusqlite::Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash FROM audit
         WHERE ?1 IS NULL OR scenario_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([scenario_id], |r| {
        let detail: String = r.get(6)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            plan_id: r.get(4)?,
            scenario_id: r.get(5)?,
            detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    rows.collect()
}

/// Which audit entries to show: all filters must match; `None` matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub scenario_id: Option<i64>,
    /// The person, compared without regard to case.
    pub who: Option<String>,
    /// Changes at this path or inside it: `schemes[0]` covers `schemes[0].forecast` but not
    /// `schemes[01]`.
    pub field: Option<String>,
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
            .is_none_or(|day| entry.at.as_str() >= day.format("%Y-%m-%d").to_string().as_str());
        let field = self.field.as_deref().map(str::trim).is_none_or(|prefix| {
            entry.action == "change"
                && entry.detail["path"]
                    .as_str()
                    .and_then(|path| path.strip_prefix(prefix))
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        });
        who && since && field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(actor: &str, at: &str, path: &str) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: at.into(),
            actor: actor.into(),
            action: "change".into(),
            plan_id: Some(1),
            scenario_id: Some(2),
            detail: serde_json::json!({"path": path}),
            prev_hash: GENESIS.into(),
            hash: GENESIS.into(),
        }
    }

    #[test]
    fn filters_by_person_day_and_field() {
        let entry = change("Ann Lee", "2025-10-14T09:30:00.000Z", "schemes[0].forecast");
        let filter = |who: Option<&str>, field: Option<&str>, since: Option<&str>| HistoryFilter {
            scenario_id: None,
            who: who.map(Into::into),
            field: field.map(Into::into),
            since: since.map(|d| d.parse().unwrap()),
        };
        assert!(filter(None, None, None).matches(&entry));
        assert!(filter(Some(" ann lee "), Some("schemes[0]"), Some("2025-10-14")).matches(&entry));
        assert!(filter(None, Some("schemes[0].forecast"), None).matches(&entry));
        assert!(!filter(None, Some("schemes[01]"), None).matches(&entry));
        assert!(!filter(None, Some("schemes[0].fore"), None).matches(&entry));
        assert!(!filter(Some("Raj Patel"), None, None).matches(&entry));
        assert!(!filter(None, None, Some("2025-10-15")).matches(&entry));
    }
}
