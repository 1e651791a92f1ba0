//! The scenario pass: for each scenario, its change rows fingerprinted the way their audit
//! entries are, and its base document with the changes replayed, compared with the document
//! stored. It reads on a connection of its own, so it runs beside the chain pass.

use rusqlite::Connection;
use serde_json::Value;

use super::chain::{optional_text, text};
use super::{Fingerprint, fingerprint};
use crate::StoreError;
use crate::scenarios::{ChangeDetail, stored_tree};
use pooled_core::hashing::{canonical_json, sha256_hex};
use pooled_core::plan::edit::{self, Edit, EditKind};
use pooled_core::plan::path::PlanPath;

/// What the pass found for one scenario, for the checks that need the chain pass too.
pub(super) struct ScenarioCheck {
    pub id: i64,
    pub status: String,
    pub base_sha256: String,
    /// Each change, in revision order: its id and the fingerprint its audit entry must have.
    pub changes: Vec<(i64, Fingerprint)>,
    /// The position in `changes` of the first change that could not be replayed.
    pub unreplayable: Option<usize>,
    /// Whether replaying every change gave exactly the stored document.
    pub document_matches: bool,
}

pub(super) fn check_scenarios(conn: &Connection) -> Result<Vec<ScenarioCheck>, StoreError> {
    let mut scenarios =
        conn.prepare("SELECT id, base_document, document, status FROM scenarios ORDER BY id")?;
    let mut changes = conn.prepare(
        "SELECT id, revision, at, author, op, path, position, before, after, reason FROM changes
         WHERE scenario_id = ?1 ORDER BY revision",
    )?;
    let mut rows = scenarios.query([])?;
    let mut checks = Vec::new();
    let mut detail = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (base, current) = (text(r, 1)?, text(r, 2)?);
        let mut tree = stored_tree(base)?;
        let mut check = ScenarioCheck {
            id,
            status: text(r, 3)?.to_owned(),
            base_sha256: sha256_hex(base),
            changes: Vec::new(),
            unreplayable: None,
            document_matches: false,
        };
        let mut rows = changes.query([id])?;
        while let Some(c) = rows.next()? {
            let change = ChangeDetail {
                change: c.get(0)?,
                revision: c.get(1)?,
                op: text(c, 4)?,
                path: text(c, 5)?,
                position: c.get(6)?,
                before: optional_text(c, 7)?,
                after: optional_text(c, 8)?,
                reason: optional_text(c, 9)?,
            };
            detail.clear();
            serde_json::to_writer(&mut detail, &change)
                .map_err(|e| StoreError::Storage(e.to_string()))?;
            let print = fingerprint(&detail, text(c, 2)?, text(c, 3)?);
            check.changes.push((change.change, print));
            if check.unreplayable.is_none() && !replay(&mut tree, &change) {
                check.unreplayable = Some(check.changes.len() - 1);
            }
        }
        check.document_matches = check.unreplayable.is_none() && same_document(&tree, current);
        checks.push(check);
    }
    Ok(checks)
}

/// Applies a recorded change to the tree; false if it cannot be.
fn replay(tree: &mut Value, change: &ChangeDetail) -> bool {
    let (Ok(path), Some(kind)) = (PlanPath::parse(change.path), EditKind::parse(change.op)) else {
        return false;
    };
    let edit = Edit {
        kind,
        path,
        value: change.after.map(json_or_text),
        position: change.position.and_then(|p| usize::try_from(p).ok()),
    };
    edit::replay_on_tree(tree, &edit).is_ok()
}

/// Whether the replayed tree is the stored document, byte for byte in canonical form. Most
/// trees are canonical already (changes replace values in place), so their compact JSON is
/// compared first; only when that differs is the tree read as a plan and written canonically.
fn same_document(tree: &Value, stored: &str) -> bool {
    if serde_json::to_string(tree).is_ok_and(|text| text == stored) {
        return true;
    }
    edit::read_tree(tree).is_ok_and(|document| canonical_json(&document) == stored)
}

/// A stored value's JSON text as a value; text that is not JSON stays text, as in the history.
fn json_or_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}
