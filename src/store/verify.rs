//! Proving nothing was changed behind Pooled's back. `verify` checks, in order:
//! 1. the audit chain: entries numbered 1, 2, 3… with none missing, each naming the hash of the
//!    one before, each hash matching its contents;
//! 2. every recorded change matches its audit entry, and every change entry still has its change;
//! 3. every agreed version's document and outcome still hash to what was agreed, with the same
//!    sign-offs as the audit entry;
//! 4. every scenario's document is its base document with its changes replayed, and its base is
//!    the document its import or branch entry recorded.
//!
//! The first problem found is reported with the audit entry it concerns.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::StoreError;
use super::agreement::{agree_detail, agreed_in};
use super::audit::{GENESIS, Hashed, entry_hash};
use super::hashing::{canonical_json, sha256_hex};
use super::scenarios::{change_detail, changes_in, kind_from, stored_document};
use crate::plan::edit::{self, Edit, JsonPath};

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
    #[ts(type = "number | null")]
    pub seq: Option<i64>,
    pub problem: String,
}

/// What the chain pass remembers of the entries the later checks need.
#[derive(Default)]
struct Vouched {
    /// change id → (seq, fingerprint of detail, time and author)
    changes: HashMap<i64, (i64, String)>,
    /// scenario id → (seq, detail) of its `agree` entry
    agreements: HashMap<i64, (i64, String)>,
    /// scenario id → (seq, document hash) of its `import` or `branch` entry
    origins: HashMap<i64, (i64, String)>,
    /// scenario id → seq of the `supersede` entry that replaced its agreement
    superseded: HashMap<i64, i64>,
}

fn fingerprint(detail: &str, at: &str, actor: &str) -> String {
    sha256_hex(&serde_json::json!([detail, at, actor]).to_string())
}

pub fn verify(conn: &Connection) -> Result<AuditReport, StoreError> {
    let mut report = AuditReport {
        entries: 0,
        changes: 0,
        agreements: 0,
        scenarios: 0,
        broken: None,
    };
    let mut vouched = Vouched::default();
    report.broken = check_chain(conn, &mut report, &mut vouched)?;
    if report.broken.is_none() {
        report.broken = check_records(conn, &mut report, &vouched)?;
    }
    Ok(report)
}

fn check_chain(
    conn: &Connection,
    report: &mut AuditReport,
    vouched: &mut Vouched,
) -> rusqlite::Result<Option<Broken>> {
    let mut stmt = conn.prepare("SELECT seq, at, actor, action, plan_id, scenario_id, detail, prev_hash, hash FROM audit ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_owned();
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, actor, action): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let (plan_id, scenario_id): (Option<i64>, Option<i64>) = (r.get(4)?, r.get(5)?);
        let (detail, prev_hash, hash): (String, String, String) = (r.get(6)?, r.get(7)?, r.get(8)?);
        let broken = |problem: String| {
            Ok(Some(Broken {
                seq: Some(seq),
                problem,
            }))
        };
        if seq != expected_seq {
            return broken(format!(
                "audit entry {expected_seq} is missing: the trail jumps from entry {} to entry {seq}",
                expected_seq - 1
            ));
        }
        if prev_hash != prev {
            return broken(format!(
                "audit entry {seq} does not follow entry {}: the entry before it was changed or removed",
                seq - 1
            ));
        }
        let hashed = Hashed {
            at: &at,
            actor: &actor,
            action: &action,
            plan_id,
            scenario_id,
            detail: &detail,
        };
        if entry_hash(&prev_hash, seq, &hashed) != hash {
            return broken(format!(
                "audit entry {seq} ({action} by {actor} at {at}) was altered after it was written"
            ));
        }
        let parsed: Value = serde_json::from_str(&detail).unwrap_or(Value::Null);
        match (action.as_str(), scenario_id) {
            ("change", _) => {
                if let Some(change) = parsed["change"].as_i64() {
                    vouched
                        .changes
                        .insert(change, (seq, fingerprint(&detail, &at, &actor)));
                }
            }
            ("agree", Some(s)) => {
                vouched.agreements.insert(s, (seq, detail.clone()));
            }
            ("supersede", Some(s)) => {
                vouched.superseded.insert(s, seq);
            }
            ("import" | "branch", Some(s)) => {
                let sha = parsed["document_sha256"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                vouched.origins.insert(s, (seq, sha));
            }
            _ => {}
        }
        prev = hash;
        expected_seq += 1;
        report.entries += 1;
    }
    Ok(None)
}

fn check_records(
    conn: &Connection,
    report: &mut AuditReport,
    vouched: &Vouched,
) -> Result<Option<Broken>, StoreError> {
    let broken = |seq: Option<i64>, problem: String| Ok(Some(Broken { seq, problem }));
    let scenario_ids: Vec<(i64, String, String, String)> = conn
        .prepare("SELECT id, base_document, document, status FROM scenarios ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    // A change entry whose change row is gone: name the earliest such entry.
    let present: HashSet<i64> = conn
        .prepare("SELECT id FROM changes")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let missing = vouched
        .changes
        .iter()
        .filter(|(change, _)| !present.contains(*change))
        .map(|(change, (seq, _))| (*seq, *change))
        .min();
    if let Some((seq, change)) = missing {
        return broken(
            Some(seq),
            format!(
                "audit entry {seq} records change {change}, which is no longer in the workspace"
            ),
        );
    }
    for (id, base, current, status) in &scenario_ids {
        report.scenarios += 1;
        if let Some(problem) = status_problem(*id, status, vouched) {
            return Ok(Some(problem));
        }
        let Some((origin_seq, origin_sha)) = vouched.origins.get(id) else {
            return broken(
                None,
                format!("scenario {id} has no import or branch entry in the audit trail"),
            );
        };
        if sha256_hex(base) != *origin_sha {
            return broken(
                Some(*origin_seq),
                format!(
                    "scenario {id}'s starting document is not the one audit entry {origin_seq} recorded"
                ),
            );
        }
        let mut document = stored_document(base)?;
        for change in changes_in(conn, *id)? {
            report.changes += 1;
            let before = change.before.as_ref().map(Value::to_string);
            let after = change.after.as_ref().map(Value::to_string);
            let op = super::scenarios::kind_name(change.op);
            let detail = change_detail(
                change.id,
                change.revision,
                op,
                &change.path,
                before.as_deref(),
                after.as_deref(),
                change.reason.as_deref(),
            );
            let Some((seq, expected)) = vouched.changes.get(&change.id) else {
                return broken(
                    None,
                    format!(
                        "change {} to scenario {id} ({}) has no audit entry",
                        change.id, change.path
                    ),
                );
            };
            if fingerprint(&detail.to_string(), &change.at, &change.author) != *expected {
                return broken(
                    Some(*seq),
                    format!(
                        "change {} to scenario {id} ({}) no longer matches audit entry {seq}",
                        change.id, change.path
                    ),
                );
            }
            let replayed = JsonPath::parse(&change.path).ok().and_then(|path| {
                edit::apply(
                    &document,
                    &Edit {
                        kind: kind_from(op),
                        path,
                        value: change.after.clone(),
                    },
                )
                .ok()
            });
            match replayed {
                Some(edited) => document = edited.document,
                None => {
                    return broken(
                        Some(*seq),
                        format!(
                            "change {} to scenario {id} ({}) cannot be replayed",
                            change.id, change.path
                        ),
                    );
                }
            }
        }
        if canonical_json(&document) != *current {
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
        let Some(version) = agreed_in(conn, scenario)? else {
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
        let supersedes: Vec<i64> =
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
        seq: superseded.or(agreed),
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
