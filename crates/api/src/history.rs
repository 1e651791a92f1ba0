//! The audit trail for people: every entry in a sentence, each change read against the plan it
//! was made to, filtered by person, day or item (a scheme, a stream…, followed across renames).

use std::collections::{BTreeSet, HashMap, HashSet};

use pooled_core::dates::parse_iso_date;
use pooled_core::history::{ChangeReading, SubjectName, changes_to, read_and_replay, subjects_in};
use pooled_store::{AuditAction, AuditEntry, AuditReport, HistoryFilter, ScenarioId, Workspace};
use serde_json::Value;

use crate::AppError;
use crate::editing::recorded;
use crate::views::{HistoryEntry, HistoryQuery, HistoryView};

/// The entries matching the query, oldest first, each read, and the items they can be filtered
/// by.
pub fn history(ws: &Workspace, query: &HistoryQuery) -> Result<HistoryView, AppError> {
    let text = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let since = match text(&query.since) {
        None => None,
        Some(day) => Some(parse_iso_date(&day).ok_or_else(|| {
            AppError::new(
                "A-BAD-DATE",
                format!("'{day}' is not a date; choose a day in the calendar."),
            )
        })?),
    };
    if let Some(id) = query.scenario_id {
        ws.summary(id)?;
    }
    let filter = HistoryFilter {
        scenario_id: query.scenario_id,
        who: text(&query.who),
        since,
    };
    let entries = ws.history_matching(&filter)?;
    // Every scenario a change entry is about is read once, whole.
    let changed: BTreeSet<ScenarioId> = entries
        .iter()
        .filter(|e| e.action == AuditAction::Change)
        .filter_map(|e| e.scenario_id)
        .chain(query.scenario_id)
        .collect();
    let mut read = HashMap::new();
    let mut subjects: Vec<SubjectName> = Vec::new();
    let mut kept: Option<HashSet<i64>> = query.subject.as_ref().map(|_| HashSet::new());
    for id in changed {
        let history = ws.scenario_history(id)?;
        let changes: Vec<_> = history.changes.iter().map(recorded).collect();
        let (readings, current) = read_and_replay(&history.base, &changes);
        if let (Some(subject), Some(kept)) = (&query.subject, kept.as_mut()) {
            kept.extend(
                changes_to(&readings, subject)
                    .into_iter()
                    .map(|i| history.changes[i].id.0),
            );
        }
        for name in subjects_in(&current, &readings) {
            match subjects.iter_mut().find(|s| s.subject == name.subject) {
                Some(known) => known.present |= name.present,
                None => subjects.push(name),
            }
        }
        for (change, reading) in history.changes.iter().zip(readings) {
            read.insert(change.id.0, reading);
        }
    }
    let names = scenario_names(ws)?;
    let entries = entries
        .into_iter()
        .filter(|e| {
            kept.as_ref()
                .is_none_or(|kept| change_id(e).is_some_and(|c| kept.contains(&c)))
        })
        .map(|entry| {
            let change = change_id(&entry).and_then(|c| read.get(&c).cloned());
            HistoryEntry {
                text: sentence(&entry, change.as_ref(), &names),
                entry,
                change,
            }
        })
        .collect();
    Ok(HistoryView { entries, subjects })
}

fn change_id(entry: &AuditEntry) -> Option<i64> {
    (entry.action == AuditAction::Change)
        .then(|| entry.detail["change"].as_i64())
        .flatten()
}

fn scenario_names(ws: &Workspace) -> Result<HashMap<i64, String>, AppError> {
    Ok(ws
        .scenarios(None)?
        .into_iter()
        .map(|s| (s.id.0, s.name))
        .collect())
}

/// What an entry records, in a sentence.
fn sentence(
    entry: &AuditEntry,
    change: Option<&ChangeReading>,
    names: &HashMap<i64, String>,
) -> String {
    let d = &entry.detail;
    let text = |v: &Value| v.as_str().unwrap_or("?").to_owned();
    let scenario = |v: &Value| {
        let id = v.as_i64().unwrap_or_default();
        match names.get(&id) {
            Some(name) => format!("scenario {id} “{name}”"),
            None => format!("scenario {id}"),
        }
    };
    match entry.action {
        AuditAction::CreateWorkspace => "Created the workspace".to_owned(),
        AuditAction::Import => format!(
            "Imported “{}” from {}",
            text(&d["scenario"]),
            text(&d["source"])
        ),
        AuditAction::Branch => format!(
            "Branched “{}” from {}",
            text(&d["scenario"]),
            scenario(&d["from"])
        ),
        AuditAction::Change => match change {
            Some(reading) => reading.text.clone(),
            None => format!("Changed {}", text(&d["path"])),
        },
        AuditAction::Describe => {
            let moves: Vec<String> = ["name", "description"]
                .iter()
                .filter(|k| d[**k][0] != d[**k][1])
                .map(|k| format!("{k} “{}” → “{}”", text(&d[*k][0]), text(&d[*k][1])))
                .collect();
            if moves.is_empty() {
                "Described, with no change".to_owned()
            } else {
                format!("Described: {}", moves.join("; "))
            }
        }
        AuditAction::Agree => {
            let names: Vec<String> = d["signoffs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| format!("{} ({})", text(&s["name"]), text(&s["role"])))
                .collect();
            format!("Agreed, signed off by {}", names.join(", "))
        }
        AuditAction::Supersede => format!("Superseded by {}", scenario(&d["by"])),
        AuditAction::Export => format!("Exported the {} to {}", text(&d["what"]), text(&d["to"])),
        AuditAction::Backup => format!("Backed up to {}", text(&d["to"])),
        AuditAction::Unknown => format!("An entry Pooled does not know: {d}"),
    }
}

/// Checks the whole trail and everything it vouches for.
pub fn verify(ws: &Workspace) -> Result<AuditReport, AppError> {
    Ok(ws.verify()?)
}
