//! Mutations of a plan's JSON: replacing, deleting, duplicating or inserting a value at a random
//! place.

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value, json};

use super::json::{NUMBER_TOKENS, TEXTS, json_key, json_leaf, json_value};
use crate::numbers::{money_text, raw, weight_text};

/// One step into a JSON value.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    At(usize),
}

/// Every place in `value` (not the root), parents before children.
fn places(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                here.push(Step::Key(k.clone()));
                out.push(here.clone());
                places(v, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(Step::At(i));
                out.push(here.clone());
                places(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::At(i) => &mut v[*i],
    })
}

#[derive(Clone, Debug)]
pub(crate) enum Mutation {
    /// Replace the value at a place, most often by one of the same JSON type.
    Replace(Index, Replacement),
    /// Remove an object member or an array item.
    Delete(Index),
    /// Repeat an array item (repeated ids, double funding lines).
    Duplicate(Index),
    /// Add a member to an object (possibly an unknown or misplaced field).
    Insert(Index, String, Value),
}

/// Candidates for a replaced value; which one is used depends on what was there.
#[derive(Clone, Debug)]
pub(crate) struct Replacement {
    /// For a string: text of the plan's own kind (amounts, weights, dates, ids, list values).
    text: Value,
    /// For a number: an exact number token.
    number: Value,
    /// For anything else, or when `keep_type` is false.
    other: Value,
    keep_type: bool,
}

impl Replacement {
    fn for_place(&self, old: &Value) -> Value {
        match old {
            _ if !self.keep_type => self.other.clone(),
            Value::String(_) => self.text.clone(),
            Value::Number(_) => self.number.clone(),
            Value::Bool(b) => Value::Bool(!b),
            _ => self.other.clone(),
        }
    }
}

fn replacement_text() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => select(TEXTS).prop_map(|s| json!(s)),
        2 => (-2_000_000_000_000i64..=2_000_000_000_000).prop_map(|p| json!(money_text(p, false))),
        1 => (0i64..=200_000_000).prop_map(|m| json!(weight_text(m))),
        1 => "[0-9]{0,14}(\\.[0-9]{0,8})?".prop_map(|s| json!(s)),
    ]
}

fn replacement_of_same_kind() -> impl Strategy<Value = Replacement> {
    (
        replacement_text(),
        select(NUMBER_TOKENS).prop_map(raw),
        replacement(),
        prop::bool::weighted(0.75),
    )
        .prop_map(|(text, number, other, keep_type)| Replacement {
            text,
            number,
            other,
            keep_type,
        })
}

/// A value to put into a plan: mostly figures and words of the plan's own kind.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => select(TEXTS).prop_map(|s| json!(s)),
        3 => select(NUMBER_TOKENS).prop_map(raw),
        1 => (-2_000_000_000_000i64..=2_000_000_000_000).prop_map(|p| json!(money_text(p, false))),
        1 => json_leaf(),
        1 => json_value(),
    ]
}

pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any::<Index>(), replacement_of_same_kind())
            .prop_map(|(i, r)| Mutation::Replace(i, r)),
        1 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        1 => (any::<Index>(), json_key(), replacement())
            .prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

pub(crate) fn mutate(value: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    places(value, &mut Vec::new(), &mut all);
    if all.is_empty() {
        return;
    }
    match mutation {
        Mutation::Replace(i, new) => {
            let place = at_mut(value, &all[i.index(all.len())]);
            *place = new.for_place(place);
        }
        Mutation::Delete(i) => {
            let path = &all[i.index(all.len())];
            let (last, parent) = path.split_last().expect("not the root");
            match (at_mut(value, parent), last) {
                (Value::Object(map), Step::Key(k)) => {
                    map.remove(k);
                }
                (Value::Array(items), Step::At(j)) => {
                    items.remove(*j);
                }
                _ => unreachable!("a place's parent holds it"),
            }
        }
        Mutation::Duplicate(i) => {
            let arrays: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::At(_))))
                .collect();
            if arrays.is_empty() {
                return;
            }
            let path = arrays[i.index(arrays.len())];
            let (_, parent) = path.split_last().expect("not the root");
            let item = at_mut(value, path).clone();
            if let Value::Array(items) = at_mut(value, parent) {
                items.push(item);
            }
        }
        Mutation::Insert(i, key, new) => {
            let path = &all[i.index(all.len())];
            match at_mut(value, path) {
                Value::Object(map) => {
                    map.insert(key.clone(), new.clone());
                }
                _ => {
                    // Not an object here: insert at the top level instead.
                    if let Value::Object(map) = value {
                        map.insert(key.clone(), new.clone());
                    }
                }
            }
        }
    }
}
