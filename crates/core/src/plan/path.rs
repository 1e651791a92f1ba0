//! Places in a plan document, as every edit, recorded change and comparison names them.
//!
//! A list item is named by what identifies it, not by where it stands: `schemes[id=S12]`, a
//! funding line by its stream, `schemes[id=S12].funding[stream=nhs-min].amount`. A position
//! (`schemes[3]`) is still accepted where a person types a path, and is resolved to the item's
//! id before anything is recorded ([`PlanPath::resolve`]). Lists whose items have no identity
//! of their own (a rule's bands, netting sets) are named by position.
//!
//! An id that holds `]`, `"`, `\` or spaces at either end is written as a JSON string:
//! `schemes[id="S 1]"]`.

use std::fmt;

use serde_json::Value;

/// What identifies the items of a list, by the list's field name: `id` for partners, streams,
/// schemes, risk-share groups and contracts, the stream for a scheme's funding lines.
pub fn identity_field(list: &str) -> Option<&'static str> {
    match list {
        "partners" | "streams" | "schemes" | "groups" | "contracts" => Some("id"),
        "funding" => Some("stream"),
        _ => None,
    }
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// An object's field.
    Key(String),
    /// A list item by position.
    Index(usize),
    /// A list item by identity: the item whose `field` is `value` (`[id=S12]`).
    Item { field: String, value: String },
}

/// A path into a plan document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PlanPath(pub Vec<Step>);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a place in the plan; write it like schemes[id=S12].forecast or schemes[0].forecast"
)]
pub struct BadPath(pub String);

/// Where a path leads in a particular document: each list step by position, and the path again
/// with every list item named by its identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved<'p> {
    /// The path naming items by identity wherever the item has one.
    pub path: PlanPath,
    /// The concrete steps: object fields and list positions.
    pub concrete: Vec<Concrete<'p>>,
}

/// A step with every list item located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Concrete<'p> {
    Key(&'p str),
    Index(usize),
}

impl Resolved<'_> {
    /// The position of the innermost list item on the path: shown beside a change, never used
    /// to find the item again.
    pub fn position(&self) -> Option<usize> {
        self.concrete.iter().rev().find_map(|step| match step {
            Concrete::Index(i) => Some(*i),
            Concrete::Key(_) => None,
        })
    }
}

/// Why a path leads nowhere in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing is at this place (shown as the path up to it).
    Missing(String),
    /// Two items of the list share the identity (a scheme with two lines from one stream).
    Ambiguous(String),
}

impl PlanPath {
    /// Reads a path: fields separated by `.`, each followed by any number of `[n]` (a
    /// position) or `[field=value]` (an item by identity).
    pub fn parse(text: &str) -> Result<PlanPath, BadPath> {
        let bad = || BadPath(text.to_owned());
        let mut steps = Vec::new();
        let mut rest = text;
        loop {
            let end = rest.find(['.', '[', ']']).unwrap_or(rest.len());
            if end == 0 {
                return Err(bad());
            }
            steps.push(Step::Key(rest[..end].to_owned()));
            rest = &rest[end..];
            while let Some(inner) = rest.strip_prefix('[') {
                let (step, after) = selector(inner).ok_or_else(bad)?;
                steps.push(step);
                rest = after;
            }
            match rest.strip_prefix('.') {
                Some(next) => rest = next,
                None if rest.is_empty() => return Ok(PlanPath(steps)),
                None => return Err(bad()),
            }
        }
    }

    /// The path with one more step.
    pub fn child(&self, step: Step) -> PlanPath {
        let mut steps = self.0.clone();
        steps.push(step);
        PlanPath(steps)
    }

    /// Finds where the path leads in `tree`. Every step but the last must exist; the last may
    /// name a field that is not there yet, a position one past the end of a list, or an item
    /// not in its list (so that a path can name what an edit is about to add).
    pub fn resolve(&self, tree: &Value) -> Result<Resolved<'_>, Unresolved> {
        self.resolve_near(tree, None)
    }

    /// [`PlanPath::resolve`], looking first at `position` for the innermost item named by
    /// identity: replaying a recorded change finds its item there at once (the position was
    /// recorded with it), and the identity still decides, so a wrong position only costs a
    /// search.
    pub fn resolve_near(
        &self,
        tree: &Value,
        position: Option<usize>,
    ) -> Result<Resolved<'_>, Unresolved> {
        self.locate(tree, position, true)
    }

    /// Where the path leads; with `name` false, by position only: what replaying a change
    /// needs, without the work of naming every item by identity (`Resolved::path` is empty).
    pub(crate) fn locate(
        &self,
        tree: &Value,
        position: Option<usize>,
        name: bool,
    ) -> Result<Resolved<'_>, Unresolved> {
        let innermost = self
            .0
            .iter()
            .rposition(|s| matches!(s, Step::Item { .. } | Step::Index(_)));
        let mut here = Some(tree);
        let mut named = Vec::with_capacity(if name { self.0.len() } else { 0 });
        let mut concrete = Vec::with_capacity(self.0.len());
        let mut list_field: Option<&str> = None;
        let last = self.0.len().saturating_sub(1);
        for (n, step) in self.0.iter().enumerate() {
            let upto = |end: usize| PlanPath(self.0[..end].to_vec()).to_string();
            let node = here.ok_or_else(|| Unresolved::Missing(upto(n)))?;
            let missing = || Unresolved::Missing(upto(n + 1));
            match step {
                Step::Key(key) => {
                    let Value::Object(map) = node else {
                        return Err(missing());
                    };
                    here = map.get(key);
                    list_field = Some(key);
                    if name {
                        named.push(step.clone());
                    }
                    concrete.push(Concrete::Key(key));
                }
                Step::Index(i) => {
                    let Value::Array(items) = node else {
                        return Err(missing());
                    };
                    here = items.get(*i);
                    let identity = list_field
                        .filter(|_| name)
                        .and_then(identity_field)
                        .and_then(|field| Some((field, here?.get(field)?.as_str()?)))
                        .filter(|(field, value)| count(items, field, value) == 1);
                    if name {
                        named.push(match identity {
                            Some((field, value)) => Step::Item {
                                field: field.to_owned(),
                                value: value.to_owned(),
                            },
                            None => step.clone(),
                        });
                    }
                    concrete.push(Concrete::Index(*i));
                    list_field = None;
                }
                Step::Item { field, value } => {
                    let Value::Array(items) = node else {
                        return Err(missing());
                    };
                    let hinted = position
                        .filter(|_| innermost == Some(n))
                        .filter(|&p| has_identity(items.get(p), field, value));
                    let found = hinted.map_or_else(|| find(items, field, value), Found::One);
                    let position = match found {
                        Found::One(i) => i,
                        Found::Several => return Err(Unresolved::Ambiguous(upto(n + 1))),
                        // Only the last step may name an item that is not there (one being added).
                        Found::None if n == last => items.len(),
                        Found::None => return Err(missing()),
                    };
                    here = items.get(position);
                    if name {
                        named.push(step.clone());
                    }
                    concrete.push(Concrete::Index(position));
                    list_field = None;
                }
            }
        }
        Ok(Resolved {
            path: PlanPath(named),
            concrete,
        })
    }
}

/// Reads what follows a `[`: a position `n]`, or an identity `field=value]`.
fn selector(text: &str) -> Option<(Step, &str)> {
    if let Some((field, value)) = text.split_once('=').filter(|(f, _)| !f.contains(']')) {
        if field.is_empty() || field.contains(['[', '.', '"']) {
            return None;
        }
        let (value, rest) = if value.starts_with('"') {
            quoted(value)?
        } else {
            let close = value.find(']')?;
            let bare = &value[..close];
            if bare.is_empty() || bare.contains(['[', '"']) {
                return None;
            }
            (bare.to_owned(), &value[close..])
        };
        let rest = rest.strip_prefix(']')?;
        return Some((
            Step::Item {
                field: field.to_owned(),
                value,
            },
            rest,
        ));
    }
    let close = text.find(']')?;
    let digits = &text[..close];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((Step::Index(digits.parse().ok()?), &text[close + 1..]))
}

/// A JSON string literal at the start of `text`, and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                let value = serde_json::from_str(&text[..=i]).ok()?;
                return Some((value, &text[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

enum Found {
    None,
    One(usize),
    Several,
}

fn find(items: &[Value], field: &str, value: &str) -> Found {
    let mut found = Found::None;
    for (i, item) in items.iter().enumerate() {
        if item.get(field).and_then(Value::as_str) == Some(value) {
            found = match found {
                Found::None => Found::One(i),
                _ => return Found::Several,
            };
        }
    }
    found
}

fn has_identity(item: Option<&Value>, field: &str, value: &str) -> bool {
    item.and_then(|item| item.get(field))
        .and_then(Value::as_str)
        == Some(value)
}

fn count(items: &[Value], field: &str, value: &str) -> usize {
    items
        .iter()
        .filter(|item| item.get(field).and_then(Value::as_str) == Some(value))
        .count()
}

/// An id written bare inside `[…]` when it can be, else as a JSON string.
fn write_value(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    let plain = !value.is_empty()
        && !value.contains([']', '[', '"', '\\'])
        && value.trim() == value
        && !value.starts_with('"');
    if plain {
        f.write_str(value)
    } else {
        write!(f, "{}", Value::from(value))
    }
}

impl fmt::Display for PlanPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
                Step::Item { field, value } => {
                    write!(f, "[{field}=")?;
                    write_value(f, value)?;
                    f.write_str("]")?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A path that lives as long as the test, as the resolutions borrowing it do.
    fn path(text: &str) -> &'static PlanPath {
        Box::leak(Box::new(PlanPath::parse(text).unwrap()))
    }

    #[test]
    fn paths_read_and_write_back() {
        for text in [
            "schemes[2].funding[0].amount",
            "schemes[id=S12].funding[stream=nhs-min].amount",
            "risk_share.groups[id=main].caps.icb-north",
            "risk_share.groups[id=main].overspend.bands[1].up_to",
            r#"schemes[id="S 1]"].forecast"#,
            r#"schemes[id=" lead"].name"#,
            "schemes[id=a.b=c].name",
        ] {
            assert_eq!(path(text).to_string(), text);
        }
        assert_eq!(
            path("schemes[id=S12].funding[stream=ibcf].amount").0,
            vec![
                Step::Key("schemes".into()),
                Step::Item {
                    field: "id".into(),
                    value: "S12".into()
                },
                Step::Key("funding".into()),
                Step::Item {
                    field: "stream".into(),
                    value: "ibcf".into()
                },
                Step::Key("amount".into()),
            ]
        );
        for bad in [
            "",
            ".",
            "a..b",
            "a[",
            "a[x]",
            "a[1]b",
            "[0]",
            "a.[0]",
            "a[-1]",
            "a[id=]",
            "a[=x]",
            "a[id=x",
            "a]",
            r#"a[id="x]"#,
            "a[id=x[y]",
        ] {
            assert!(PlanPath::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn positions_resolve_to_ids_and_ids_to_positions() {
        let tree = json!({
            "schemes": [
                {"id": "S1", "funding": [{"stream": "a"}, {"stream": "b"}, {"stream": "b"}]},
                {"id": "S2", "funding": []}
            ],
            "risk_share": {"groups": [{"id": "g", "overspend": {"bands": [{"up_to": "1.00"}]}}]}
        });
        let resolved = path("schemes[0].funding[0].amount").resolve(&tree).unwrap();
        assert_eq!(
            resolved.path.to_string(),
            "schemes[id=S1].funding[stream=a].amount"
        );
        assert_eq!(resolved.position(), Some(0));
        let by_id = path("schemes[id=S2].funding").resolve(&tree).unwrap();
        assert_eq!(
            by_id.concrete,
            vec![
                Concrete::Key("schemes"),
                Concrete::Index(1),
                Concrete::Key("funding")
            ]
        );
        // Two lines from one stream cannot be told apart by their stream: they keep positions.
        let twin = path("schemes[0].funding[2]").resolve(&tree).unwrap();
        assert_eq!(twin.path.to_string(), "schemes[id=S1].funding[2]");
        assert_eq!(
            path("schemes[id=S1].funding[stream=b]").resolve(&tree),
            Err(Unresolved::Ambiguous(
                "schemes[id=S1].funding[stream=b]".into()
            ))
        );
        // A recorded position is looked at first, and the identity still decides.
        let near = path("schemes[id=S2].funding");
        assert_eq!(near.resolve_near(&tree, Some(1)), near.resolve(&tree));
        assert_eq!(near.resolve_near(&tree, Some(0)), near.resolve(&tree));
        assert_eq!(near.resolve_near(&tree, Some(7)), near.resolve(&tree));
        // Bands have no identity of their own.
        let band = path("risk_share.groups[0].overspend.bands[0].up_to")
            .resolve(&tree)
            .unwrap();
        assert_eq!(
            band.path.to_string(),
            "risk_share.groups[id=g].overspend.bands[0].up_to"
        );
        // The last step may name something not there yet; an earlier one may not.
        let new = path("schemes[id=S3]").resolve(&tree).unwrap();
        assert_eq!(new.position(), Some(2));
        assert_eq!(
            path("schemes[id=S3].name").resolve(&tree),
            Err(Unresolved::Missing("schemes[id=S3]".into()))
        );
        assert_eq!(
            path("streams[0].name").resolve(&tree),
            Err(Unresolved::Missing("streams".into()))
        );
    }
}
