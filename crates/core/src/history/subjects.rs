//! The items a change is about: the partners, streams, schemes, risk-share groups and contracts
//! its path names, and the renames that give an item a new id.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::RecordedChange;
use crate::plan::edit::EditKind;
use crate::plan::path::{PlanPath, Step};

/// The kinds of item a history can be filtered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SubjectKind {
    Partner,
    Stream,
    Scheme,
    Group,
    Contract,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 5] = [
        SubjectKind::Partner,
        SubjectKind::Stream,
        SubjectKind::Scheme,
        SubjectKind::Group,
        SubjectKind::Contract,
    ];

    /// The word for one: `scheme`, `risk-share group`.
    pub fn noun(self) -> &'static str {
        match self {
            SubjectKind::Partner => "partner",
            SubjectKind::Stream => "stream",
            SubjectKind::Scheme => "scheme",
            SubjectKind::Group => "risk-share group",
            SubjectKind::Contract => "contract",
        }
    }

    /// The kind of the items of a top-level list (`schemes`, `risk_share.groups`…).
    pub fn of_list(list: &str) -> Option<SubjectKind> {
        match list {
            "partners" => Some(SubjectKind::Partner),
            "streams" => Some(SubjectKind::Stream),
            "schemes" => Some(SubjectKind::Scheme),
            "groups" => Some(SubjectKind::Group),
            "contracts" => Some(SubjectKind::Contract),
            _ => None,
        }
    }

    /// Where the items of this kind are listed in a plan document.
    fn list(self, tree: &Value) -> Option<&Vec<Value>> {
        match self {
            SubjectKind::Partner => tree.get("partners"),
            SubjectKind::Stream => tree.get("streams"),
            SubjectKind::Scheme => tree.get("schemes"),
            SubjectKind::Group => tree.get("risk_share").and_then(|r| r.get("groups")),
            SubjectKind::Contract => tree.get("contracts"),
        }?
        .as_array()
    }
}

/// One item: `{"kind": "scheme", "id": "S12"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: String,
}

impl Subject {
    pub fn new(kind: SubjectKind, id: &str) -> Subject {
        Subject {
            kind,
            id: id.to_owned(),
        }
    }
}

/// An item and what it is called, for choosing it by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SubjectName {
    #[serde(flatten)]
    pub subject: Subject,
    pub name: String,
    /// False for an item no longer in the plan (removed, or renamed since).
    pub present: bool,
}

/// A change that gave an item a new id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rename {
    pub kind: SubjectKind,
    pub from: String,
    pub to: String,
}

/// Fields whose keys are partner ids: a cap, a share or a joint percentage of one partner.
const BY_PARTNER: [&str; 4] = ["caps", "shares", "joint", "amounts"];

/// The items a change at `path` (by identity) is about, and the rename it makes, if any.
pub(super) fn of(path: &PlanPath, change: &RecordedChange) -> (Vec<Subject>, Option<Rename>) {
    let mut subjects = Vec::new();
    let mut add = |subject: Subject| {
        if !subjects.contains(&subject) {
            subjects.push(subject);
        }
    };
    let steps = &path.0;
    for (n, step) in steps.iter().enumerate() {
        let list = n.checked_sub(1).and_then(|p| match &steps[p] {
            Step::Key(key) => Some(key.as_str()),
            _ => None,
        });
        match (step, list) {
            (Step::Item { value, .. }, Some("funding")) => {
                add(Subject::new(SubjectKind::Stream, value));
            }
            (Step::Item { value, .. }, Some(list)) => {
                if let Some(kind) = SubjectKind::of_list(list) {
                    add(Subject::new(kind, value));
                }
            }
            (Step::Key(key), Some(parent)) if BY_PARTNER.contains(&parent) => {
                add(Subject::new(SubjectKind::Partner, key));
            }
            _ => {}
        }
    }
    // A funding line moved to another stream is about both streams.
    if let Some(stream) = moved_line_stream(path, change) {
        add(Subject::new(SubjectKind::Stream, stream));
    }
    // A netting set names its groups by id in its values, not in its path.
    if matches!(steps.as_slice(), [Step::Key(r), Step::Key(o), ..] if r == "risk_share" && o == "offsets")
    {
        for value in [change.before, change.after].into_iter().flatten() {
            for id in netted_groups(value) {
                add(Subject::new(SubjectKind::Group, id));
            }
        }
    }
    (subjects, rename(path, change))
}

/// The group ids in a value of `risk_share.offsets`: a list of sets, one set, or one id.
fn netted_groups(value: &Value) -> Vec<&str> {
    match value {
        Value::String(id) => vec![id.as_str()],
        Value::Array(items) => items.iter().flat_map(netted_groups).collect(),
        _ => Vec::new(),
    }
}

/// The stream a funding line is given by a change to its `stream`, or by replacing the line.
fn moved_line_stream<'a>(path: &PlanPath, change: &RecordedChange<'a>) -> Option<&'a str> {
    let after = change.after?;
    let steps = &path.0;
    match steps.as_slice() {
        [.., Step::Key(list), Step::Item { .. }, Step::Key(field)]
            if list == "funding" && field == "stream" =>
        {
            after.as_str()
        }
        [.., Step::Key(list), Step::Item { .. }] | [.., Step::Key(list), Step::Index(_)]
            if list == "funding" =>
        {
            after.get("stream")?.as_str()
        }
        _ => None,
    }
}

/// A change of an item's `id` (alone, or by replacing the whole item) is a rename.
fn rename(path: &PlanPath, change: &RecordedChange) -> Option<Rename> {
    if change.op != EditKind::Set {
        return None;
    }
    let after = change.after?;
    let (list, from, to) = match path.0.as_slice() {
        [
            ..,
            Step::Key(list),
            Step::Item { field, value },
            Step::Key(key),
        ] if field == "id" && key == "id" => (list, value, after.as_str()?),
        [.., Step::Key(list), Step::Item { field, value }] if field == "id" => {
            (list, value, after.get("id")?.as_str()?)
        }
        _ => return None,
    };
    let kind = SubjectKind::of_list(list)?;
    (from != to).then(|| Rename {
        kind,
        from: from.clone(),
        to: to.to_owned(),
    })
}

/// Every partner, stream, scheme, group and contract in a document, with its name.
pub(super) fn present(tree: &Value) -> Vec<SubjectName> {
    let mut found = Vec::new();
    for kind in SubjectKind::ALL {
        for item in kind.list(tree).into_iter().flatten() {
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                continue;
            };
            found.push(SubjectName {
                subject: Subject::new(kind, id),
                name: item
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(id)
                    .to_owned(),
                present: true,
            });
        }
    }
    found
}

/// The name of an item of `kind` with `id` in a document.
pub(super) fn name_in(tree: &Value, kind: SubjectKind, id: &str) -> Option<String> {
    kind.list(tree)?
        .iter()
        .find(|item| item.get("id").and_then(Value::as_str) == Some(id))?
        .get("name")?
        .as_str()
        .map(str::to_owned)
}
