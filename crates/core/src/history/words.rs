//! A change in words: the items it is about by name and id, the field in plain English, the
//! values as a finance officer writes them (£1,234.00, labels for the closed lists, names for
//! ids), and the reason given.

use serde_json::Value;

use super::subjects::{Subject, SubjectKind, SubjectName, name_in};
use super::{ChangeReading, RecordedChange};
use crate::money::Money;
use crate::plan::edit::EditKind;
use crate::plan::kinds::{
    AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind,
};
use crate::plan::path::{Concrete, PlanPath, Step};

/// Fields that hold an amount of money.
const AMOUNTS: [&str; 7] = [
    "amount",
    "forecast",
    "value",
    "up_to",
    "opening_reserve",
    "nhs_min_social_care",
    "nhs_min_out_of_hospital",
];

/// The name of one list item on a path, as it was called when the change was made.
#[derive(Clone, Debug)]
struct ItemLabel {
    /// Its step in the path.
    step: usize,
    /// `Reablement beds (S02)`, `funding from iBCF (ibcf)`.
    label: String,
    /// The item as a subject, with its name (none for a funding line).
    named: Option<SubjectName>,
    /// `scheme`, `funding line`.
    noun: &'static str,
}

/// The items on a change's path, named from the plan before the change.
pub(super) struct Labels(Vec<ItemLabel>);

impl Labels {
    pub(super) fn before(tree: &Value, path: &PlanPath, change: &RecordedChange) -> Labels {
        let mut labels = Labels::of(tree, path);
        // An inserted item is named from the value inserted, not from what stood there.
        let last = path.0.len().saturating_sub(1);
        if change.op == EditKind::Insert
            && let (Some(after), Some(list)) = (change.after, list_name(path, last))
            && is_item_list(list)
        {
            labels.0.retain(|l| l.step != last);
            labels.0.push(item_label(tree, last, list, after));
        }
        labels
    }

    /// The items on `path` as `tree` names them.
    fn of(tree: &Value, path: &PlanPath) -> Labels {
        let Ok(resolved) = path.resolve(tree) else {
            return Labels::from_ids(path);
        };
        let mut here = tree;
        let mut labels = Vec::new();
        for (n, step) in resolved.concrete.iter().enumerate() {
            let next = match step {
                Concrete::Key(key) => here.get(key),
                Concrete::Index(i) => here.get(i),
            };
            if let (Concrete::Index(_), Some(list)) = (step, list_name(path, n)) {
                match next {
                    Some(item) if is_item_list(list) => {
                        labels.push(item_label(tree, n, list, item));
                    }
                    // An item about to be added is named by the id its path gives.
                    None => {
                        labels.extend(Labels::from_ids(&PlanPath(path.0[..=n].to_vec())).0.pop())
                    }
                    Some(_) => {}
                }
            }
            match next {
                Some(value) => here = value,
                None => break,
            }
        }
        Labels(labels)
    }

    /// Labels from the ids in the path alone, when the plan cannot say more.
    fn from_ids(path: &PlanPath) -> Labels {
        let labels = path
            .0
            .iter()
            .enumerate()
            .filter_map(|(n, step)| {
                let Step::Item { field, value } = step else {
                    return None;
                };
                let item = serde_json::json!({ field.as_str(): value });
                let list = list_name(path, n)?;
                Some(item_label(&Value::Null, n, list, &item))
            })
            .collect();
        Labels(labels)
    }

    /// The subjects named on the path, with their names at the time.
    pub(super) fn names(&self, subjects: &[Subject]) -> Vec<SubjectName> {
        self.0
            .iter()
            .filter_map(|l| l.named.clone())
            .filter(|n| subjects.contains(&n.subject))
            .collect()
    }
}

fn is_item_list(list: &str) -> bool {
    list == "funding" || SubjectKind::of_list(list).is_some()
}

/// The field name of the list the item at step `n` is in.
fn list_name(path: &PlanPath, n: usize) -> Option<&str> {
    match path.0.get(n.checked_sub(1)?)? {
        Step::Key(key) => Some(key),
        _ => None,
    }
}

fn item_label(tree: &Value, step: usize, list: &str, item: &Value) -> ItemLabel {
    let text = |field: &str| item.get(field).and_then(Value::as_str);
    if list == "funding" {
        let stream = text("stream").unwrap_or("?");
        let name = name_in(tree, SubjectKind::Stream, stream);
        return ItemLabel {
            step,
            label: format!("funding from {}", called(name.as_deref(), stream)),
            named: None,
            noun: "funding line",
        };
    }
    let kind = SubjectKind::of_list(list).unwrap_or(SubjectKind::Scheme);
    let id = text("id").unwrap_or("?");
    let name = text("name");
    ItemLabel {
        step,
        label: called(name, id),
        named: Some(SubjectName {
            subject: Subject::new(kind, id),
            name: name.unwrap_or(id).to_owned(),
            present: false,
        }),
        noun: kind.noun(),
    }
}

/// `Reablement beds (S02)`, or the id alone when there is no name.
fn called(name: Option<&str>, id: &str) -> String {
    match name {
        Some(name) if name != id => format!("{name} ({id})"),
        _ => id.to_owned(),
    }
}

/// The sentence for an applied change. `tree` is the plan after it, for names of references.
pub(super) fn sentence(
    tree: &Value,
    path: &PlanPath,
    labels: &Labels,
    change: &RecordedChange,
) -> String {
    let steps = &path.0;
    let whole_item = labels
        .0
        .split_last()
        .filter(|(last, _)| last.step + 1 == steps.len());
    let text = match (change.op, whole_item) {
        (EditKind::Insert | EditKind::Remove, Some((last, parents))) => {
            let verb = if change.op == EditKind::Insert {
                "added"
            } else {
                "removed"
            };
            let what = if last.noun == "funding line" {
                last.label.clone()
            } else {
                format!("{} {}", last.noun, last.label)
            };
            let line = change.after.or(change.before).and_then(|v| v.get("amount"));
            let amount = line
                .map(|a| format!(", {}", value_words(tree, &["amount"], a)))
                .unwrap_or_default();
            with_prefix(parents, None, &format!("{verb} {what}{amount}"))
        }
        _ => {
            let after_items = labels.0.last().map_or(0, |l| l.step + 1);
            let mut field = &steps[after_items..];
            // A field of the risk share or of the requirements is said under that heading.
            let section = match field {
                [Step::Key(key), _, ..] if labels.0.is_empty() && key == "risk_share" => {
                    Some("Risk share")
                }
                [Step::Key(key), _, ..] if labels.0.is_empty() && key == "requirements" => {
                    Some("Requirements")
                }
                _ => None,
            };
            if section.is_some() {
                field = &field[1..];
            }
            let start = steps.len() - field.len();
            if let Some(what) = netting_words(tree, field, change) {
                return with_reason(with_prefix(&labels.0, section, &what), change);
            }
            let keys = field_keys(steps);
            // A field whose absence has a meaning reads as that meaning, not as "(none)".
            let absent = match keys.last() {
                Some(&"settle") => Some(settle_words(true)),
                _ => None,
            };
            let (before, after) = (
                change.before.map(|v| value_words(tree, &keys, v)),
                change.after.map(|v| value_words(tree, &keys, v)),
            );
            let none = || absent.map_or_else(|| "(none)".to_owned(), str::to_owned);
            let words = field_words(tree, steps, start);
            let what = match change.op {
                EditKind::Remove if absent.is_none() => {
                    format!("{words} removed (was {})", before.unwrap_or_else(none))
                }
                _ => format!(
                    "{words} {} → {}",
                    before.unwrap_or_else(none),
                    after.unwrap_or_else(none)
                )
                .trim_start()
                .to_owned(),
            };
            with_prefix(&labels.0, section, &what)
        }
    };
    with_reason(text, change)
}

/// The sentence with the reason given for the change, if any: `…, because M6 return`.
fn with_reason(mut text: String, change: &RecordedChange) -> String {
    if let Some(reason) = change.reason.map(str::trim).filter(|r| !r.is_empty()) {
        text.push_str(", because ");
        text.push_str(reason);
    }
    text
}

/// `Reablement beds (S02): forecast …`, `Plan: host …`, or `Added scheme …` with a capital.
fn with_prefix(labels: &[ItemLabel], section: Option<&str>, what: &str) -> String {
    if !labels.is_empty() {
        let names: Vec<&str> = labels.iter().map(|l| l.label.as_str()).collect();
        return format!("{}: {what}", names.join(", "));
    }
    match section {
        Some(section) => format!("{section}: {what}"),
        None if what.starts_with("added ") || what.starts_with("removed ") => capitalised(what),
        None => format!("Plan: {what}"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The object keys along a path, so a value can be read by its field and what holds it:
/// `["risk_share", "groups", "caps", "icb"]`.
fn field_keys(steps: &[Step]) -> Vec<&str> {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Key(key) => Some(key.as_str()),
            _ => None,
        })
        .collect()
}

/// A field in words: `forecast`, `overspend rule band 2 up to`, `cap for Dales ICB`,
/// `underspend rule agreed amount for Westmere Council`. The field is `steps[start..]`; the
/// steps before it find the rule an `amounts` belongs to.
fn field_words(tree: &Value, steps: &[Step], start: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut parent: Option<&str> = None;
    let mut after_band = false;
    for (n, step) in steps.iter().enumerate().skip(start) {
        match step {
            Step::Key(key) if parent.is_some_and(|p| BY_PARTNER.contains(&p)) => {
                let name = name_in(tree, SubjectKind::Partner, key);
                words.push(format!("for {}", name.as_deref().unwrap_or(key)));
                parent = Some(key);
            }
            // A band's rule is said as the band: `overspend rule band 2 method …`.
            Step::Key(key) if after_band && key == "rule" => parent = Some(key),
            Step::Key(key) if key == "amounts" => {
                // The amounts of an `agreed` rule are the shares; of `pro_rata_amounts`, weights.
                let kind = match rule_method(tree, &steps[..n]) {
                    Some("agreed") => "agreed ",
                    Some("pro_rata_amounts") => "stated ",
                    _ => "",
                };
                let plural = if n + 1 == steps.len() { "s" } else { "" };
                words.push(format!("{kind}amount{plural}"));
                parent = Some(key);
            }
            Step::Key(key) => {
                words.push(field_word(key).to_owned());
                parent = Some(key);
            }
            Step::Index(i) => {
                let noun = match parent {
                    Some("bands") => "band",
                    Some("offsets") => "netting set",
                    _ => "item",
                };
                if matches!(parent, Some("bands" | "offsets")) {
                    words.pop();
                }
                words.push(format!("{noun} {}", i + 1));
                parent = None;
            }
            Step::Item { value, .. } => words.push(value.clone()),
        }
        after_band = matches!(step, Step::Index(_))
            && matches!(n.checked_sub(1).map(|p| &steps[p]), Some(Step::Key(k)) if k == "bands");
    }
    words.join(" ")
}

/// The method of the rule at `rule` in `tree` (the plan after the change).
fn rule_method<'a>(tree: &'a Value, rule: &[Step]) -> Option<&'a str> {
    value_at(tree, rule)?.get("method")?.as_str()
}

/// The value at a path in `tree`, if there is one.
fn value_at<'a>(tree: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    let path = PlanPath(steps.to_vec());
    let resolved = path.resolve(tree).ok()?;
    let mut here = tree;
    for step in &resolved.concrete {
        here = match step {
            Concrete::Key(key) => here.get(key)?,
            Concrete::Index(i) => here.get(i)?,
        };
    }
    Some(here)
}

/// Whether money moves for a group: its `settle` in words.
fn settle_words(settle: bool) -> &'static str {
    if settle {
        "money moves"
    } else {
        "no money moves (aligned budget)"
    }
}

/// A risk-share group by name: `Council-hosted pool (council-pool)`.
fn group_words(tree: &Value, id: &str) -> String {
    called(name_in(tree, SubjectKind::Group, id).as_deref(), id)
}

/// `A, B and C`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One netting set as written: a list of group ids.
fn set_of(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|g| g.as_str().map(str::to_owned))
        .collect()
}

/// `risk_share.offsets` as written: a list of netting sets.
fn sets_of(value: &Value) -> Option<Vec<Vec<String>>> {
    value.as_array()?.iter().map(set_of).collect()
}

/// A netting set's groups by name: `Council-hosted pool (council-pool) and ICB pool (icb-pool)`.
fn set_words(tree: &Value, set: &[String]) -> String {
    let names: Vec<String> = set.iter().map(|id| group_words(tree, id)).collect();
    listed(&names)
}

/// A value of `risk_share.offsets` in words: the sets (`A and B; C and D`), one set, or one
/// group, each group by its name.
fn netting_value_words(tree: &Value, value: &Value) -> String {
    if value.as_array().is_some_and(Vec::is_empty) {
        return "(none)".to_owned();
    }
    if let Some(id) = value.as_str() {
        return group_words(tree, id);
    }
    if let Some(set) = set_of(value) {
        return set_words(tree, &set);
    }
    match sets_of(value) {
        Some(sets) => {
            let sets: Vec<String> = sets.iter().map(|set| set_words(tree, set)).collect();
            sets.join("; ")
        }
        None => short_json(value),
    }
}

/// A change to the netting sets (`field` is under `risk_share`) said as what it did: a set
/// added or removed, a group added to or removed from a set, a set changed. None for anything
/// else, or for a change that only reorders, which reads field by field.
fn netting_words(tree: &Value, field: &[Step], change: &RecordedChange) -> Option<String> {
    let (before, after): (Vec<Vec<String>>, Vec<Vec<String>>) = match field {
        [Step::Key(key)] if key == "offsets" => (
            change.before.map_or(Some(Vec::new()), sets_of)?,
            change.after.map_or(Some(Vec::new()), sets_of)?,
        ),
        [Step::Key(key), Step::Index(_)] if key == "offsets" => {
            let sets = |v: Option<&Value>| match v {
                Some(set) => set_of(set).map(|set| vec![set]),
                None => Some(Vec::new()),
            };
            (sets(change.before)?, sets(change.after)?)
        }
        [Step::Key(key), Step::Index(n), Step::Index(m)] if key == "offsets" => {
            let group = |v: Option<&Value>| match v {
                Some(id) => id.as_str().map(|id| Some(id.to_owned())),
                None => Some(None),
            };
            let (was, now) = (group(change.before)?, group(change.after)?);
            // The set's other groups, from the plan: after the change in a history, so without
            // a group removed; the plan that has it, in a comparison.
            let mut others = set_of(tree.get("risk_share")?.get("offsets")?.get(*n)?)?;
            if others.get(*m) == now.as_ref().or(was.as_ref()) {
                others.remove(*m);
            }
            let with = |group: Option<String>| {
                let mut set = others.clone();
                set.extend(group);
                set
            };
            (vec![with(was)], vec![with(now)])
        }
        _ => return None,
    };
    netting_change(tree, &before, &after)
}

/// The difference between two lists of netting sets, in words. Sets are matched by the groups
/// they share, whatever their order.
fn netting_change(tree: &Value, before: &[Vec<String>], after: &[Vec<String>]) -> Option<String> {
    let same = |a: &[String], b: &[String]| a.len() == b.len() && a.iter().all(|g| b.contains(g));
    let mut unmatched: Vec<&Vec<String>> = before.iter().filter(|s| !s.is_empty()).collect();
    let mut new_sets = Vec::new();
    for set in after.iter().filter(|s| !s.is_empty()) {
        match unmatched.iter().position(|b| same(b, set)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => new_sets.push(set),
        }
    }
    let mut parts = Vec::new();
    for set in new_sets {
        let shared = |b: &Vec<String>| b.iter().filter(|g| set.contains(g)).count();
        let mut best: Option<(usize, usize)> = None;
        for (i, b) in unmatched.iter().enumerate() {
            let n = shared(b);
            if n > 0 && best.is_none_or(|(_, most)| n > most) {
                best = Some((i, n));
            }
        }
        let Some((i, _)) = best else {
            parts.push(format!("added a netting set of {}", set_words(tree, set)));
            continue;
        };
        let was = unmatched.remove(i);
        let only_in = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().filter(|g| !b.contains(g)).cloned().collect()
        };
        let (added, removed) = (only_in(set, was), only_in(was, set));
        let kept: Vec<String> = set.iter().filter(|g| was.contains(g)).cloned().collect();
        parts.push(match (added.is_empty(), removed.is_empty()) {
            (false, true) => format!(
                "added {} to the netting set of {}",
                set_words(tree, &added),
                set_words(tree, &kept)
            ),
            (true, false) => format!(
                "removed {} from the netting set of {}",
                set_words(tree, &removed),
                set_words(tree, &kept)
            ),
            _ => format!(
                "changed the netting set of {} to {}",
                set_words(tree, was),
                set_words(tree, set)
            ),
        });
    }
    for set in unmatched {
        parts.push(format!(
            "removed the netting set of {}",
            set_words(tree, set)
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

const BY_PARTNER: [&str; 4] = ["caps", "shares", "joint", "amounts"];

fn field_word(key: &str) -> &str {
    match key {
        "area_of_spend" => "area of spend",
        "group" => "risk-share group",
        "overspend" => "overspend rule",
        "underspend" => "underspend rule",
        "up_to" => "up to",
        "per_scheme" => "shared per scheme",
        "caps" => "cap",
        "cap_at_contribution" => "capped at contribution",
        "opening_reserve" => "opening reserve",
        "settle" => "",
        "financial_year" => "financial year",
        "nhs_min_social_care" => "NHS minimum for social care",
        "nhs_min_out_of_hospital" => "NHS minimum for out-of-hospital services",
        "default_group" => "default risk-share group",
        "joint" => "joint share",
        "amounts" => "amount",
        "shares" => "share",
        "bands" => "bands",
        "offsets" => "netting sets",
        other => other,
    }
}

/// A value for a person, read by the field it is in (`keys` ends with the field, after the
/// object or list holding it): money as `£1,234.00`, a closed list's value by its label, an id
/// by the name of what it names, yes or no, text in quotes.
pub fn value_words(tree: &Value, keys: &[&str], value: &Value) -> String {
    let field = keys.last().copied().unwrap_or("");
    let parent = keys.len().checked_sub(2).map(|i| keys[i]).unwrap_or("");
    match value {
        Value::Null => "(none)".to_owned(),
        Value::Bool(settle) if field == "settle" => settle_words(*settle).to_owned(),
        _ if field == "offsets" => netting_value_words(tree, value),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(text) => string_words(tree, field, parent, text),
        Value::Object(map) => {
            if let Some(name) = map.get("name").and_then(Value::as_str) {
                let id = map.get("id").and_then(Value::as_str).unwrap_or(name);
                return called(Some(name), id);
            }
            if let (Some(stream), Some(amount)) = (map.get("stream"), map.get("amount")) {
                let stream = stream.as_str().unwrap_or("?");
                let name = name_in(tree, SubjectKind::Stream, stream);
                return format!(
                    "{} from {}",
                    value_words(tree, &["amount"], amount),
                    called(name.as_deref(), stream)
                );
            }
            // Any other object field by field: `NHS minimum for social care £1.00`.
            let parts: Vec<String> = map
                .iter()
                .map(|(key, inner)| {
                    let mut inner_keys = keys.to_vec();
                    inner_keys.push(key);
                    let label = if BY_PARTNER.contains(&field) {
                        name_in(tree, SubjectKind::Partner, key).unwrap_or_else(|| key.clone())
                    } else {
                        match key.as_str() {
                            // A rule's amounts or shares, listed partner by partner.
                            "amounts" | "shares" => key.clone(),
                            other => field_word(other).to_owned(),
                        }
                    };
                    let words = value_words(tree, &inner_keys, inner);
                    if label.is_empty() {
                        words
                    } else if inner.is_object() {
                        format!("{label} ({words})")
                    } else {
                        format!("{label} {words}")
                    }
                })
                .collect();
            parts.join(", ")
        }
        Value::Array(_) => short_json(value),
    }
}

fn string_words(tree: &Value, field: &str, parent: &str, text: &str) -> String {
    let money = AMOUNTS.contains(&field) || parent == "caps" || parent == "amounts";
    if money && let Ok(amount) = Money::parse(text) {
        return amount.to_uk();
    }
    if parent == "joint" {
        return format!("{text}%");
    }
    if parent == "shares" || field == "id" {
        return text.to_owned();
    }
    let enum_label = match field {
        "type" => label::<SchemeType>(text, SchemeType::label),
        "area_of_spend" => label::<AreaOfSpend>(text, AreaOfSpend::label),
        // A contract's provider is a name; a scheme's is a kind.
        "provider" if parent != "contracts" => label::<ProviderKind>(text, ProviderKind::label),
        "method" => label::<RuleMethod>(text, RuleMethod::label),
        "kind" => label::<PartnerKind>(text, PartnerKind::label)
            .or_else(|| label::<StreamKind>(text, StreamKind::label)),
        _ => None,
    };
    if let Some(words) = enum_label {
        return words.to_owned();
    }
    let reference = match field {
        "partner" | "host" | "commissioner" => Some(SubjectKind::Partner),
        "stream" => Some(SubjectKind::Stream),
        "scheme" => Some(SubjectKind::Scheme),
        "group" | "default_group" => Some(SubjectKind::Group),
        _ => None,
    };
    match reference.and_then(|kind| name_in(tree, kind, text)) {
        Some(name) => called(Some(&name), text),
        None if reference.is_some() => text.to_owned(),
        None => format!("“{text}”"),
    }
}

fn label<T: serde::de::DeserializeOwned>(
    text: &str,
    words: fn(T) -> &'static str,
) -> Option<&'static str> {
    serde_json::from_value::<T>(Value::from(text))
        .ok()
        .map(words)
}

fn short_json(value: &Value) -> String {
    let json = value.to_string();
    if json.chars().count() > 80 {
        format!("{}…", json.chars().take(79).collect::<String>())
    } else {
        json
    }
}

/// A field that differs between two plans, in words: read as a change from `left` to `right`,
/// with items named from the right-hand plan (or the left, for one only there).
pub fn describe_difference(
    left_tree: &Value,
    right_tree: &Value,
    path: &PlanPath,
    left: Option<&Value>,
    right: Option<&Value>,
) -> String {
    let op = match (left, right) {
        (None, Some(_)) => EditKind::Insert,
        (Some(_), None) => EditKind::Remove,
        _ => EditKind::Set,
    };
    let tree = if right.is_some() {
        right_tree
    } else {
        left_tree
    };
    let change = RecordedChange {
        op,
        path: "",
        position: None,
        before: left,
        after: right,
        reason: None,
        action: "",
    };
    let labels = Labels::before(tree, path, &change);
    sentence(tree, path, &labels, &change)
}

/// The reading of a change that cannot be replayed on the plan (only a tampered workspace has
/// one): what it records, as recorded.
pub(super) fn unreadable(change: &RecordedChange) -> ChangeReading {
    let show = |v: Option<&Value>| v.map_or_else(|| "(none)".to_owned(), short_json);
    ChangeReading {
        path: change.path.to_owned(),
        position: change.position,
        subjects: Vec::new(),
        renamed: None,
        text: format!(
            "{} at {}: {} → {} (this change no longer fits the plan it was made to)",
            change.op.as_str(),
            change.path,
            show(change.before),
            show(change.after)
        ),
        action: 0,
        names: Vec::new(),
    }
}
