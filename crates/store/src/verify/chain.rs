//! The chain pass: every audit entry in order, numbered 1, 2, 3… with none missing, each naming
//! the hash of the one before and hashing to its own. On the way it notes what the later checks
//! need: a fingerprint of each change entry, and the agree, supersede, import and branch entries.

use std::collections::HashMap;

use rusqlite::{Connection, Row, types::Type};
use serde::Deserialize;
use serde_json::Value;

use super::index::ChangeIndex;
use super::{Broken, fingerprint};
use crate::audit::{GENESIS, Hashed, entry_hash};

/// What the chain pass remembers of the entries the later checks need.
#[derive(Default)]
pub(super) struct Vouched {
    /// How many entries the chain has.
    pub entries: i64,
    /// change id → (seq, fingerprint of detail, time and author)
    pub changes: ChangeIndex,
    /// scenario id → (seq, detail) of its `agree` entry
    pub agreements: HashMap<i64, (i64, String)>,
    /// scenario id → (seq, document hash) of its `import` or `branch` entry
    pub origins: HashMap<i64, (i64, String)>,
    /// scenario id → seq of the `supersede` entry that replaced its agreement
    pub superseded: HashMap<i64, i64>,
}

/// The one field of a change entry's detail the chain pass needs.
#[derive(Deserialize)]
struct ChangeRef {
    change: Option<i64>,
}

/// The change id of a change entry's detail. Pooled writes it first (`{"change":17,…`), which
/// is read directly; any other form is parsed in full.
fn change_id(detail: &str) -> Option<i64> {
    let quick = detail.strip_prefix("{\"change\":").and_then(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let end = rest.as_bytes().get(digits).copied();
        (digits > 0 && end == Some(b',')).then(|| rest[..digits].parse().ok())?
    });
    quick.or_else(|| serde_json::from_str::<ChangeRef>(detail).ok()?.change)
}

/// A text column, borrowed from the row: a million entries are read without copying them.
pub(super) fn text<'r>(r: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// A nullable text column, borrowed.
pub(super) fn optional_text<'r>(r: &'r Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// Walks the chain; the first broken link, if any, and what was vouched for up to it.
pub(super) fn check_chain(conn: &Connection) -> rusqlite::Result<(Option<Broken>, Vouched)> {
    let changes: i64 = conn.query_row("SELECT COUNT(*) FROM changes", [], |r| r.get(0))?;
    let mut vouched = Vouched {
        changes: ChangeIndex::with_capacity(usize::try_from(changes).unwrap_or(0)),
        ..Vouched::default()
    };
    let mut stmt = conn.prepare("SELECT seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash FROM audit ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, actor, action) = (text(r, 1)?, text(r, 2)?, text(r, 3)?);
        let (plan_id, scenario_id): (Option<i64>, Option<i64>) = (r.get(4)?, r.get(5)?);
        let (detail, prev_hash, hash) = (text(r, 6)?, text(r, 7)?, text(r, 8)?);
        let broken = |problem: String| {
            Some(Broken {
                seq: Some(crate::ids::EntrySeq(seq)),
                problem,
            })
        };
        let expected_seq = vouched.entries + 1;
        if seq != expected_seq {
            let problem = format!(
                "audit entry {expected_seq} is missing: the trail jumps from entry {} to entry {seq}",
                expected_seq - 1
            );
            return Ok((broken(problem), vouched));
        }
        if prev_hash != prev {
            let problem = format!(
                "audit entry {seq} does not follow entry {}: the entry before it was changed or removed",
                seq - 1
            );
            return Ok((broken(problem), vouched));
        }
        let hashed = Hashed {
            at,
            actor,
            action,
            plan_id,
            scenario_id,
            detail,
        };
        if entry_hash(prev_hash, seq, &hashed) != hash {
            let problem = format!(
                "audit entry {seq} ({action} by {actor} at {at}) was altered after it was written"
            );
            return Ok((broken(problem), vouched));
        }
        note(&mut vouched, seq, action, scenario_id, detail, at, actor);
        prev.clear();
        prev.push_str(hash);
        vouched.entries += 1;
    }
    Ok((None, vouched))
}

/// Remembers what an entry vouches for.
fn note(
    vouched: &mut Vouched,
    seq: i64,
    action: &str,
    scenario_id: Option<i64>,
    detail: &str,
    at: &str,
    actor: &str,
) {
    match (action, scenario_id) {
        ("change", _) => {
            if let Some(change) = change_id(detail) {
                let print = fingerprint(detail.as_bytes(), at, actor);
                vouched.changes.insert(change, seq, print);
            }
        }
        ("agree", Some(s)) => {
            vouched.agreements.insert(s, (seq, detail.to_owned()));
        }
        ("supersede", Some(s)) => {
            vouched.superseded.insert(s, seq);
        }
        ("import" | "branch", Some(s)) => {
            let parsed: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
            let sha = parsed["document_sha256"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            vouched.origins.insert(s, (seq, sha));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::change_id;

    #[test]
    fn change_ids_are_read_quickly_or_in_full() {
        assert_eq!(change_id(r#"{"change":17,"revision":3}"#), Some(17));
        assert_eq!(change_id(r#"{"revision":3,"change":18}"#), Some(18));
        assert_eq!(change_id(r#"{"change":-2,"revision":3}"#), Some(-2));
        assert_eq!(change_id(r#"{"change":99999999999999999999,"x":1}"#), None);
        assert_eq!(change_id(r#"{"change":null}"#), None);
        assert_eq!(change_id("not json"), None);
    }
}
