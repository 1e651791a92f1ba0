//! Proving nothing was changed behind Pooled's back. `verify` checks, in order:
//! 1. the audit chain: entries numbered 1, 2, 3… with none missing, each naming the hash of the
//!    one before, each hash matching its contents;
//! 2. every recorded change matches its audit entry, and every change entry still has its change;
//! 3. every agreed version's document and outcome still hash to what was agreed, with the same
//!    sign-offs as the audit entry;
//! 4. every scenario's document is its base document with its changes replayed, and its base is
//!    the document its import or branch entry recorded.
//!
//! The first problem found is reported with the audit entry it concerns. The chain pass
//! (`chain`) and the scenario pass (`replay`) read the same snapshot of the file on two
//! connections and run side by side; what each found is then checked against the other here.

mod chain;
mod index;
mod replay;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::StoreError;
use super::agreement::{agree_detail, agreed_in};
use crate::ids::{EntrySeq, ScenarioId};
use chain::Vouched;
use index::Vouch;
use pooled_core::hashing::sha256_hex;
use replay::ScenarioCheck;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AuditReport {
    #[ts(type = "number")]
    pub entries: i64,
    #[ts(type = "number")]
    pub changes: i64,
    #[ts(type = "number")]
    pub agreements: i64,
    #[ts(type = "number")]
    pub scenarios: i64,
    /// The first problem found, if any.
    pub broken: Option<Broken>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Broken {
    /// The audit entry concerned, where there is one.
    pub seq: Option<EntrySeq>,
    pub problem: String,
}

/// A digest of what the trail says of a change (its detail, time and author), so the change
/// row can be checked against its entry without keeping a million details in memory. Each part
/// is length-prefixed, so no two different triples give the same input.
type Fingerprint = [u8; 32];

fn fingerprint(detail: &[u8], at: &str, actor: &str) -> Fingerprint {
    let mut hasher = Sha256::new();
    for part in [detail, at.as_bytes(), actor.as_bytes()] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Checks the workspace open on `conn` (the file at `path`).
pub fn verify(conn: &Connection, path: &Path) -> Result<AuditReport, StoreError> {
    let (snapshot, second) = same_snapshot(conn, path)?;
    let (chain, scenarios) = std::thread::scope(|scope| {
        let scenarios = scope.spawn(move || {
            let checks = replay::check_scenarios(&second);
            let _ = second.execute_batch("ROLLBACK");
            checks
        });
        (chain::check_chain(conn), scenarios.join())
    });
    let (broken, mut vouched) = chain?;
    let scenarios = scenarios.map_err(|_| {
        StoreError::Storage("the check of the scenarios stopped unexpectedly".into())
    })??;
    let mut report = AuditReport {
        entries: vouched.entries,
        changes: 0,
        agreements: 0,
        scenarios: 0,
        broken,
    };
    if report.broken.is_none() {
        report.broken = check_records(conn, &mut report, &mut vouched, &scenarios)?;
    }
    drop(snapshot);
    Ok(report)
}

/// Ends the read transaction on the workspace's own connection when verification is done.
struct Snapshot<'c>(&'c Connection);

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("ROLLBACK");
    }
}

/// Starts a read transaction on `conn` and on a second, read-only connection, both seeing the
/// same state of the file: every action appends an audit entry, so two snapshots with the same
/// last entry are the same snapshot. Retries if someone saves in between.
fn same_snapshot<'c>(
    conn: &'c Connection,
    path: &Path,
) -> Result<(Snapshot<'c>, Connection), StoreError> {
    let begin = |c: &Connection| -> rusqlite::Result<i64> {
        c.execute_batch("BEGIN")?;
        c.query_row("SELECT coalesce(max(seq), 0) FROM audit", [], |r| r.get(0))
    };
    for _ in 0..10 {
        let last = begin(conn)?;
        let snapshot = Snapshot(conn);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let second =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::storage(path, e))?;
        second.busy_timeout(std::time::Duration::from_secs(5))?;
        if begin(&second)? == last {
            return Ok((snapshot, second));
        }
    }
    Err(StoreError::Storage(
        "the workspace kept changing while it was being checked; check it again".into(),
    ))
}

/// Everything after the chain: the changes against their entries, each scenario's origin,
/// status and replay, then the agreed versions.
fn check_records(
    conn: &Connection,
    report: &mut AuditReport,
    vouched: &mut Vouched,
    scenarios: &[ScenarioCheck],
) -> Result<Option<Broken>, StoreError> {
    let broken = |seq: Option<i64>, problem: String| {
        Ok(Some(Broken {
            seq: seq.map(EntrySeq),
            problem,
        }))
    };
    // A change entry whose change row is gone: name the earliest such entry.
    for check in scenarios {
        for (id, _) in &check.changes {
            if let Some(vouch) = vouched.changes.get_mut(*id) {
                vouch.found = true;
            }
        }
    }
    let missing = vouched
        .changes
        .iter()
        .filter(|(_, vouch)| !vouch.found)
        .map(|(change, vouch)| (vouch.seq, change))
        .min();
    if let Some((seq, change)) = missing {
        return broken(
            Some(seq),
            format!(
                "audit entry {seq} records change {change}, which is no longer in the workspace"
            ),
        );
    }
    for check in scenarios {
        let id = check.id;
        report.scenarios += 1;
        if let Some(problem) = status_problem(id, &check.status, vouched) {
            return Ok(Some(problem));
        }
        let Some((origin_seq, origin_sha)) = vouched.origins.get(&id) else {
            return broken(
                None,
                format!("scenario {id} has no import or branch entry in the audit trail"),
            );
        };
        if check.base_sha256 != *origin_sha {
            return broken(
                Some(*origin_seq),
                format!(
                    "scenario {id}'s starting document is not the one audit entry {origin_seq} recorded"
                ),
            );
        }
        for (k, (change, print)) in check.changes.iter().enumerate() {
            report.changes += 1;
            let Some(&Vouch {
                seq,
                print: expected,
                ..
            }) = vouched.changes.get(*change)
            else {
                let path = change_path(conn, *change)?;
                return broken(
                    None,
                    format!("change {change} to scenario {id} ({path}) has no audit entry"),
                );
            };
            if *print != expected {
                let path = change_path(conn, *change)?;
                return broken(
                    Some(seq),
                    format!(
                        "change {change} to scenario {id} ({path}) no longer matches audit entry {seq}"
                    ),
                );
            }
            if check.unreplayable == Some(k) {
                let path = change_path(conn, *change)?;
                return broken(
                    Some(seq),
                    format!("change {change} to scenario {id} ({path}) cannot be replayed"),
                );
            }
        }
        if !check.document_matches {
            return broken(
                None,
                format!(
                    "scenario {id}'s document is not its starting document with its recorded changes"
                ),
            );
        }
    }
    for (scenario, (seq, detail)) in sorted(&vouched.agreements) {
        report.agreements += 1;
        let Some(version) = agreed_in(conn, ScenarioId(scenario))? else {
            return broken(
                Some(seq),
                format!(
                    "audit entry {seq} records an agreement of scenario {scenario} that is no longer there"
                ),
            );
        };
        if sha256_hex(&version.document) != version.document_sha256
            || sha256_hex(&version.outcome) != version.outcome_sha256
        {
            return broken(
                Some(seq),
                format!(
                    "the agreed version of scenario {scenario} was altered after it was agreed"
                ),
            );
        }
        let expected: Value = serde_json::from_str(&detail).unwrap_or(Value::Null);
        let supersedes: Vec<ScenarioId> =
            serde_json::from_value(expected["supersedes"].clone()).unwrap_or_default();
        if agree_detail(
            &version.document_sha256,
            &version.outcome_sha256,
            &version.signoffs,
            &supersedes,
        ) != expected
        {
            return broken(
                Some(seq),
                format!(
                    "the agreed version or sign-offs of scenario {scenario} no longer match audit entry {seq}"
                ),
            );
        }
    }
    let agreed: i64 = conn.query_row("SELECT COUNT(*) FROM agreements", [], |r| r.get(0))?;
    if agreed != vouched.agreements.len() as i64 {
        return broken(None, "an agreed version has no audit entry".into());
    }
    Ok(None)
}

/// The path a change row names, for a message.
fn change_path(conn: &Connection, change: i64) -> Result<String, StoreError> {
    Ok(
        conn.query_row("SELECT path FROM changes WHERE id = ?1", [change], |r| {
            r.get(0)
        })?,
    )
}

/// A scenario's status must be the one its audit entries lead to: agreed after an `agree`,
/// superseded after a `supersede`, otherwise draft.
fn status_problem(id: i64, status: &str, vouched: &Vouched) -> Option<Broken> {
    let agreed = vouched.agreements.get(&id).map(|(seq, _)| *seq);
    let superseded = vouched.superseded.get(&id).copied();
    let expected = match (agreed, superseded) {
        (_, Some(_)) => "superseded",
        (Some(_), None) => "agreed",
        (None, None) => "draft",
    };
    (status != expected).then(|| Broken {
        seq: superseded.or(agreed).map(EntrySeq),
        problem: format!(
            "scenario {id} is marked {status}, but the audit trail says it is {expected}"
        ),
    })
}

fn sorted(map: &HashMap<i64, (i64, String)>) -> Vec<(i64, (i64, String))> {
    let mut items: Vec<_> = map.iter().map(|(k, v)| (*k, v.clone())).collect();
    items.sort();
    items
}
