//! Editing a plan document at a JSON path (`schemes[2].forecast`): set a value, insert a list
//! item or remove one. Every edit yields a document that reads cleanly, or an error and no change.
//!
//! Edits work on the document's JSON tree, where every amount and weight is a JSON string (see
//! [`NumberText`](super::number_text::NumberText)), so no figure ever passes through a float.
//! New values typed by people are read with [`exact_value`], which keeps number tokens exact.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::document::PlanDocument;
use super::read::read_plan;
use crate::findings::Finding;

/// One step of a JSON path: an object key or a list position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path into a plan document, written `schemes[2].funding[0].amount`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Step>);

/// What an edit does at its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum EditKind {
    /// Replace the value at the path, or add a field to an object.
    Set,
    /// Insert a new item into a list at the path's position (the list's length appends).
    Insert,
    /// Remove a field or a list item.
    Remove,
}

/// An edit to a plan document.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub kind: EditKind,
    pub path: JsonPath,
    /// The new value for `Set` and `Insert`.
    pub value: Option<Value>,
}

/// The result of an edit: the new document and the value before and after, for the record.
#[derive(Clone, Debug, PartialEq)]
pub struct Edited {
    pub document: PlanDocument,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("'{0}' is not a path into the plan; write it like schemes[2].forecast")]
    BadPath(String),
    #[error("there is nothing at {0} in the plan")]
    NoSuchPlace(String),
    #[error("{0}")]
    BadValue(String),
    #[error("{}", .0.message)]
    Unreadable(Finding),
}

impl JsonPath {
    /// Parses `a.b[2].c`: every part starts with a key (any characters but `.` and `[`), and
    /// `[n]` after it indexes a list.
    pub fn parse(text: &str) -> Result<JsonPath, EditError> {
        let bad = || EditError::BadPath(text.to_owned());
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            if key.is_empty() {
                return Err(bad());
            }
            steps.push(Step::Key(key.to_owned()));
            while let Some(inner) = rest.strip_prefix('[') {
                let close = inner.find(']').ok_or_else(bad)?;
                let digits = &inner[..close];
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                steps.push(Step::Index(digits.parse().map_err(|_| bad())?));
                rest = &inner[close + 1..];
            }
            if !rest.is_empty() {
                return Err(bad());
            }
        }
        if steps.is_empty() {
            Err(bad())
        } else {
            Ok(JsonPath(steps))
        }
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
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
    let (before, after) = apply_to_tree(&mut tree, edit)?;
    Ok(Edited {
        document: read_tree(&tree)?,
        before,
        after,
    })
}

/// Applies an edit to a document's JSON tree in place, returning the value before and after.
/// Several edits can be applied this way and the tree read once at the end ([`read_tree`]):
/// that is what saving a batch of edits and replaying a scenario's history do, so neither
/// rebuilds the whole document for each edit. On an error the tree is unchanged.
pub fn apply_to_tree(
    tree: &mut Value,
    edit: &Edit,
) -> Result<(Option<Value>, Option<Value>), EditError> {
    let where_ = || edit.path.to_string();
    let (last, parents) = edit
        .path
        .0
        .split_last()
        .ok_or_else(|| EditError::BadPath(where_()))?;
    let parent = walk(tree, parents).ok_or_else(|| EditError::NoSuchPlace(where_()))?;
    let new_value = || {
        edit.value
            .clone()
            .ok_or_else(|| EditError::BadValue(format!("a value is needed to change {}", where_())))
    };
    Ok(match (edit.kind, last, parent) {
        (EditKind::Set, Step::Key(key), Value::Object(map)) => {
            let value = new_value()?;
            (map.insert(key.clone(), value.clone()), Some(value))
        }
        (EditKind::Set, Step::Index(i), Value::Array(list)) if *i < list.len() => {
            let value = new_value()?;
            (
                Some(std::mem::replace(&mut list[*i], value.clone())),
                Some(value),
            )
        }
        (EditKind::Insert, Step::Index(i), Value::Array(list)) if *i <= list.len() => {
            let value = new_value()?;
            list.insert(*i, value.clone());
            (None, Some(value))
        }
        (EditKind::Remove, Step::Key(key), Value::Object(map)) if map.contains_key(key) => {
            // `shift_remove` keeps the author's order of the remaining fields.
            (map.shift_remove(key), None)
        }
        (EditKind::Remove, Step::Index(i), Value::Array(list)) if *i < list.len() => {
            (Some(list.remove(*i)), None)
        }
        _ => return Err(EditError::NoSuchPlace(where_())),
    })
}

/// The plan document a JSON tree holds, read as strictly as a plan file.
pub fn read_tree(tree: &Value) -> Result<PlanDocument, EditError> {
    let text = serde_json::to_string(tree).map_err(|e| EditError::BadValue(e.to_string()))?;
    read_plan(&text).map_err(EditError::Unreadable)
}

fn walk<'a>(mut value: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    for step in steps {
        value = match (step, value) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key)?,
            (Step::Index(i), Value::Array(list)) => list.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests;
