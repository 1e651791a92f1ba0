//! Reading a scenario's recorded changes for people: what each change did, to which items, in a
//! sentence ("Reablement beds (S02): forecast £5,602,734.00 → £100.00, because …"), and which
//! changes belong to one item, following it across renames.
//!
//! Changes are read by replaying them on the scenario's starting document, so each is read
//! against the plan as it stood when it was made. That is also how changes recorded by earlier
//! versions of Pooled, which named list items by position (`schemes[3].forecast`), are read:
//! the position is resolved against the plan of the day, and the change reads exactly like a
//! new one. Nothing recorded is ever rewritten.

mod subjects;
mod words;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::edit::{Edit, EditKind, apply_to_tree};
use crate::plan::path::PlanPath;
pub use subjects::{Rename, Subject, SubjectKind, SubjectName};
pub use words::{describe_difference, value_words};

/// A change as the workspace recorded it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecordedChange<'a> {
    pub op: EditKind,
    /// As recorded: by identity (`schemes[id=S2].forecast`), or by position in older entries.
    pub path: &'a str,
    /// Where an inserted item was put; for other changes, shown only.
    pub position: Option<usize>,
    pub before: Option<&'a Value>,
    pub after: Option<&'a Value>,
    pub reason: Option<&'a str>,
    /// What the changes saved by one action share (their time): renames are followed across
    /// the whole action, whose other changes may still name the old id.
    pub action: &'a str,
}

/// A recorded change, read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeReading {
    /// The place changed, every list item named by its identity.
    pub path: String,
    /// The position of the innermost list item when the change was made (display only).
    #[ts(type = "number | null")]
    pub position: Option<usize>,
    /// The partners, streams, schemes, groups and contracts the change is about.
    pub subjects: Vec<Subject>,
    /// Set when the change gave an item a new id.
    pub renamed: Option<Rename>,
    /// The change in a sentence.
    pub text: String,
    /// Which action of the scenario's history made it (0, 1, …).
    #[serde(skip)]
    #[ts(skip)]
    pub action: usize,
    /// The items named, as they were called at the time.
    #[serde(skip)]
    #[ts(skip)]
    pub names: Vec<SubjectName>,
}

/// Reads a scenario's changes, oldest first, by replaying them on its starting document. A
/// change that cannot be replayed (only a tampered workspace has one) is read from what it
/// records, and the replay goes on without it.
pub fn read_changes(base: &Value, changes: &[RecordedChange]) -> Vec<ChangeReading> {
    read_and_replay(base, changes).0
}

/// [`read_changes`], with the document the replay ends on: the scenario's current document
/// (`pooled audit verify` proves the two are the same), as a JSON tree.
pub fn read_and_replay(base: &Value, changes: &[RecordedChange]) -> (Vec<ChangeReading>, Value) {
    let mut tree = base.clone();
    let mut action = 0;
    let mut readings: Vec<ChangeReading> = Vec::with_capacity(changes.len());
    for (n, change) in changes.iter().enumerate() {
        if n > 0 && changes[n - 1].action != change.action {
            action += 1;
        }
        let mut reading = read_one(&mut tree, change);
        reading.action = action;
        readings.push(reading);
    }
    (readings, tree)
}

fn read_one(tree: &mut Value, change: &RecordedChange) -> ChangeReading {
    let Ok(path) = PlanPath::parse(change.path) else {
        return words::unreadable(change);
    };
    // Names are taken from the plan before the change, so a renamed scheme is called what it
    // was called when the change was made.
    let labels = words::Labels::before(tree, &path, change);
    let edit = Edit {
        kind: change.op,
        path,
        value: change.after.cloned(),
        position: change.position,
    };
    match apply_to_tree(tree, &edit) {
        Ok(applied) => {
            let position = applied.position;
            let (subjects, renamed) = subjects::of(&applied.path, change);
            let names = labels.names(&subjects);
            ChangeReading {
                path: applied.path.to_string(),
                position,
                text: words::sentence(tree, &applied.path, &labels, change),
                subjects,
                renamed,
                action: 0,
                names,
            }
        }
        Err(_) => words::unreadable(change),
    }
}

/// The changes (by their place in `readings`) that were made to one item, oldest first,
/// following it back across renames: a scheme now called `S13` that was `S12` before a rename
/// has the changes made to `S12` too, up to and including the action that renamed it.
pub fn changes_to(readings: &[ChangeReading], subject: &Subject) -> Vec<usize> {
    let mut names: HashSet<&str> = HashSet::from([subject.id.as_str()]);
    let mut found = Vec::new();
    let mut end = readings.len();
    while end > 0 {
        let action = readings[end - 1].action;
        let start = readings[..end]
            .iter()
            .rposition(|r| r.action != action)
            .map_or(0, |i| i + 1);
        let group = &readings[start..end];
        // The names the item has in this action: renames to a name it has bring in the old one.
        let mut here = names.clone();
        let mut renames = Vec::new();
        loop {
            let before = here.len();
            for rename in group.iter().filter_map(|r| r.renamed.as_ref()) {
                if rename.kind == subject.kind && here.contains(rename.to.as_str()) {
                    here.insert(rename.from.as_str());
                    renames.push(rename);
                }
            }
            if here.len() == before {
                break;
            }
        }
        for (offset, reading) in group.iter().enumerate().rev() {
            let about = reading
                .subjects
                .iter()
                .any(|s| s.kind == subject.kind && here.contains(s.id.as_str()));
            if about {
                found.push(start + offset);
            }
        }
        // Before this action the item was known by its old name only.
        for rename in renames {
            names.remove(rename.to.as_str());
            names.insert(rename.from.as_str());
        }
        end = start;
    }
    found.reverse();
    found
}

/// The items a history can be filtered by: every partner, stream, scheme, group and contract in
/// the current document, then any that changes name but that are no longer in it (removed, or
/// renamed since), each with the name it was last known by.
pub fn subjects_in(current: &Value, readings: &[ChangeReading]) -> Vec<SubjectName> {
    let mut list = subjects::present(current);
    let known: HashSet<Subject> = list.iter().map(|s| s.subject.clone()).collect();
    let mut gone: HashMap<Subject, String> = HashMap::new();
    let mut order = Vec::new();
    for name in readings.iter().flat_map(|r| &r.names) {
        if known.contains(&name.subject) {
            continue;
        }
        if gone
            .insert(name.subject.clone(), name.name.clone())
            .is_none()
        {
            order.push(name.subject.clone());
        }
    }
    for subject in order {
        let name = gone.remove(&subject).unwrap_or_default();
        list.push(SubjectName {
            subject,
            name,
            present: false,
        });
    }
    list
}

#[cfg(test)]
mod tests;
