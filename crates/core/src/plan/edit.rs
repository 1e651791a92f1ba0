//! Editing a plan document at a path (`schemes[id=S2].forecast`, see [`super::path`]): set a
//! value, insert a list item or remove one. Every edit yields a document that reads cleanly, or
//! an error and no change, and says what it did in the form the audit trail records.
//!
//! Edits work on the document's JSON tree, where every amount and weight is a JSON string (see
//! [`NumberText`](super::number_text::NumberText)), so no figure ever passes through a float.
//! New values typed by people are read with [`exact_value`], which keeps number tokens exact.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::document::PlanDocument;
use super::path::{BadPath, Concrete, PlanPath, Step, Unresolved, identity_field};
use super::read::read_plan;
use crate::findings::Finding;

/// What an edit does at its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum EditKind {
    /// Replace the value at the path, or add a field to an object.
    Set,
    /// Insert a new item into a list: at the path's position, or (when the path names the new
    /// item by its id) at `position`, else at the end.
    Insert,
    /// Remove a field or a list item.
    Remove,
}

impl EditKind {
    /// As recorded: `set`, `insert`, `remove`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Set => "set",
            EditKind::Insert => "insert",
            EditKind::Remove => "remove",
        }
    }

    /// The kind recorded as `text`; `None` for anything else.
    pub fn parse(text: &str) -> Option<EditKind> {
        match text {
            "set" => Some(EditKind::Set),
            "insert" => Some(EditKind::Insert),
            "remove" => Some(EditKind::Remove),
            _ => None,
        }
    }
}

/// An edit to a plan document.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub kind: EditKind,
    pub path: PlanPath,
    /// The new value for `Set` and `Insert`.
    pub value: Option<Value>,
    /// Where the innermost item the path names is (or, for an `Insert` naming the new item by
    /// its id, where it goes; the end when `None`): recorded with each change, so replaying an
    /// insert puts the item back where it was, and other changes find their item at once. The
    /// identity in the path always decides which item it is.
    pub position: Option<usize>,
}

impl Edit {
    pub fn new(kind: EditKind, path: PlanPath, value: Option<Value>) -> Edit {
        Edit {
            kind,
            path,
            value,
            position: None,
        }
    }
}

/// What an edit did: the value before and after, and where, as it is recorded: the path naming
/// every list item by its identity, and the position of the innermost item, for display.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub path: PlanPath,
    pub position: Option<usize>,
}

/// The result of an edit: the new document and what the edit did.
#[derive(Clone, Debug, PartialEq)]
pub struct Edited {
    pub document: PlanDocument,
    pub applied: Applied,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    BadPath(#[from] BadPath),
    #[error("there is nothing at {0} in the plan")]
    NoSuchPlace(String),
    #[error("{0} names more than one item; name the one you mean by its position, like funding[1]")]
    Ambiguous(String),
    #[error("{0} is already in the plan")]
    AlreadyThere(String),
    #[error("{0}")]
    BadValue(String),
    #[error("{}", .0.message)]
    Unreadable(Finding),
}

/// Reads a value typed by a person. JSON is taken as JSON, except that every number other than
/// a whole number becomes its exact text as a string (`1250000.50` → `"1250000.50"`), which is
/// how plans hold amounts. Anything that is not JSON is taken as plain text.
pub fn exact_value(text: &str) -> Value {
    match serde_json::from_str::<Box<RawValue>>(text) {
        Ok(raw) => exact_from_raw(&raw).unwrap_or_else(|| Value::String(text.to_owned())),
        Err(_) => Value::String(text.to_owned()),
    }
}

fn exact_from_raw(raw: &RawValue) -> Option<Value> {
    let token = raw.get();
    match token.as_bytes().first()? {
        b'{' => {
            let entries: Vec<(String, Box<RawValue>)> =
                serde_json::from_str::<crate::plan::entries::Entries<Box<RawValue>>>(token)
                    .ok()?
                    .0;
            let mut map = serde_json::Map::new();
            for (key, value) in entries {
                map.insert(key, exact_from_raw(&value)?);
            }
            Some(Value::Object(map))
        }
        b'[' => {
            let items: Vec<Box<RawValue>> = serde_json::from_str(token).ok()?;
            items
                .iter()
                .map(|item| exact_from_raw(item))
                .collect::<Option<Vec<_>>>()
                .map(Value::Array)
        }
        b'-' | b'0'..=b'9' if token.bytes().all(|b| b.is_ascii_digit() || b == b'-') => Some(
            serde_json::from_str::<i64>(token)
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(token.to_owned())),
        ),
        b'-' | b'0'..=b'9' => Some(Value::String(token.to_owned())),
        _ => serde_json::from_str(token).ok(),
    }
}

/// Applies an edit, returning the new document, or an error and no change.
pub fn apply(document: &PlanDocument, edit: &Edit) -> Result<Edited, EditError> {
    let mut tree =
        serde_json::to_value(document).map_err(|e| EditError::BadValue(e.to_string()))?;
    let applied = apply_to_tree(&mut tree, edit)?;
    Ok(Edited {
        document: read_tree(&tree)?,
        applied,
    })
}

/// Applies an edit to a document's JSON tree in place, returning what it did. Several edits can
/// be applied this way and the tree read once at the end ([`read_tree`]): that is what saving a
/// batch of edits and replaying a scenario's history do, so neither rebuilds the whole document
/// for each edit. On an error the tree is unchanged.
pub fn apply_to_tree(tree: &mut Value, edit: &Edit) -> Result<Applied, EditError> {
    apply_named(tree, edit, true)
}

/// [`apply_to_tree`] for replaying recorded changes, which need not be named again:
/// `Applied::path` is left empty, which saves working out every item's identity.
pub fn replay_on_tree(tree: &mut Value, edit: &Edit) -> Result<Applied, EditError> {
    apply_named(tree, edit, false)
}

fn apply_named(tree: &mut Value, edit: &Edit, name: bool) -> Result<Applied, EditError> {
    let resolved = edit
        .path
        .locate(tree, edit.position, name)
        .map_err(|e| match e {
            Unresolved::Missing(at) => EditError::NoSuchPlace(at),
            Unresolved::Ambiguous(at) => EditError::Ambiguous(at),
        })?;
    let where_ = || edit.path.to_string();
    let (last, parents) = resolved
        .concrete
        .split_last()
        .ok_or_else(|| EditError::NoSuchPlace(where_()))?;
    let mut path = resolved.path.clone();
    // An insert at a path naming the new item by its identity, not by a position.
    let named_item = matches!(edit.path.0.last(), Some(Step::Item { .. }));
    let parent = walk(tree, parents).ok_or_else(|| EditError::NoSuchPlace(where_()))?;
    let new_value = || {
        edit.value
            .clone()
            .ok_or_else(|| EditError::BadValue(format!("a value is needed to change {}", where_())))
    };
    let (before, after, position) = match (edit.kind, last, parent) {
        (EditKind::Set, Concrete::Key(key), Value::Object(map)) => {
            let value = new_value()?;
            (
                map.insert((*key).to_owned(), value.clone()),
                Some(value),
                None,
            )
        }
        (EditKind::Set, Concrete::Index(i), Value::Array(list)) if *i < list.len() => {
            let value = new_value()?;
            let old = std::mem::replace(&mut list[*i], value.clone());
            (Some(old), Some(value), Some(*i))
        }
        (EditKind::Insert, Concrete::Index(i), Value::Array(list)) => {
            let value = new_value()?;
            let at = if named_item {
                // The path names the new item: it must not be there yet, and must be that item.
                if *i < list.len() {
                    return Err(EditError::AlreadyThere(resolved.path.to_string()));
                }
                if let Some(Step::Item { field, value: id }) = edit.path.0.last()
                    && value.get(field).and_then(Value::as_str) != Some(id)
                {
                    return Err(EditError::BadValue(format!(
                        "the new item at {} must have {field} \"{id}\"",
                        where_()
                    )));
                }
                edit.position.unwrap_or(list.len())
            } else {
                *i
            };
            if at > list.len() {
                return Err(EditError::NoSuchPlace(where_()));
            }
            list.insert(at, value.clone());
            // A new item with an identity is recorded by it, else by its position.
            if name {
                let step = identity_step(&path, list, &value).unwrap_or(Step::Index(at));
                path.0.pop();
                path.0.push(step);
            }
            (None, Some(value), Some(at))
        }
        (EditKind::Remove, Concrete::Key(key), Value::Object(map)) if map.contains_key(*key) => {
            // `shift_remove` keeps the author's order of the remaining fields.
            (map.shift_remove(*key), None, None)
        }
        (EditKind::Remove, Concrete::Index(i), Value::Array(list)) if *i < list.len() => {
            (Some(list.remove(*i)), None, Some(*i))
        }
        _ => return Err(EditError::NoSuchPlace(where_())),
    };
    Ok(Applied {
        before,
        after,
        path,
        position: position.or_else(|| resolved.position()),
    })
}

/// The step naming a just-inserted item by its identity, when its list has one and no other
/// item shares it.
fn identity_step(path: &PlanPath, list: &[Value], value: &Value) -> Option<Step> {
    let list_name = match path.0.iter().rev().nth(1)? {
        Step::Key(name) => name,
        _ => return None,
    };
    let field = identity_field(list_name)?;
    let id = value.get(field)?.as_str()?;
    let same = list
        .iter()
        .filter(|item| item.get(field).and_then(Value::as_str) == Some(id))
        .count();
    (same == 1).then(|| Step::Item {
        field: field.to_owned(),
        value: id.to_owned(),
    })
}

/// The plan document a JSON tree holds, read as strictly as a plan file.
pub fn read_tree(tree: &Value) -> Result<PlanDocument, EditError> {
    let text = serde_json::to_string(tree).map_err(|e| EditError::BadValue(e.to_string()))?;
    read_plan(&text).map_err(EditError::Unreadable)
}

fn walk<'a>(mut value: &'a mut Value, steps: &[Concrete<'_>]) -> Option<&'a mut Value> {
    for step in steps {
        value = match (step, value) {
            (Concrete::Key(key), Value::Object(map)) => map.get_mut(*key)?,
            (Concrete::Index(i), Value::Array(list)) => list.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests;
