//! Comparing two plan documents: which fields differ, and how each partner's position and each
//! scheme's figures move between their outcomes. Lists of items with ids (partners, streams,
//! schemes, groups, contracts) are matched by id, so inserting a scheme does not make every later
//! scheme look changed.

use serde::Serialize;
use serde_json::Value;

use crate::assess::{Assessment, assess_document};
use crate::history::describe_difference;
use crate::money::Money;
use crate::outcome::Outcome;
use crate::plan::PlanDocument;
use crate::plan::path::{PlanPath, Step, identity_field};

/// One field that differs; `None` on a side where it does not exist.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct FieldDifference {
    /// Where, every list item named by its identity (`schemes[id=S02].forecast`).
    pub path: String,
    pub left: Option<Value>,
    pub right: Option<Value>,
    /// The difference in words, read as a change from left to right.
    pub text: String,
}

/// A figure on each side and the movement from left to right.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Movement {
    pub left: Money,
    pub right: Money,
    pub change: Money,
}

impl Movement {
    fn new(left: Money, right: Money) -> Movement {
        // Both sides are within the plan limits, so the difference cannot overflow.
        Movement {
            left,
            right,
            change: right.checked_sub(left).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PartnerMovement {
    pub id: String,
    pub contribution: Movement,
    pub overspend_share: Movement,
    pub underspend_share: Movement,
    pub net_share: Movement,
    pub final_cost: Movement,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SchemeMovement {
    pub id: String,
    pub budget: Movement,
    pub forecast: Movement,
    pub variance: Movement,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Comparison {
    pub fields: Vec<FieldDifference>,
    /// Partners and schemes on both sides; those on one side only show in `fields`.
    pub partners: Vec<PartnerMovement>,
    pub schemes: Vec<SchemeMovement>,
    pub variance: Option<Movement>,
    /// True when either side has errors, so its outcome could not be compared.
    pub outcome_missing: bool,
}

pub fn compare(left: &PlanDocument, right: &PlanDocument) -> Comparison {
    let (l, r) = (
        serde_json::to_value(left).unwrap_or(Value::Null),
        serde_json::to_value(right).unwrap_or(Value::Null),
    );
    let fields = differences(&l, &r);
    let outcome = |doc: &PlanDocument| match assess_document(doc) {
        Assessment::Evaluated(outcome) => Some(outcome),
        Assessment::Rejected(_) => None,
    };
    match (outcome(left), outcome(right)) {
        (Some(a), Some(b)) => Comparison {
            fields,
            partners: partner_movements(&a, &b),
            schemes: scheme_movements(&a, &b),
            variance: Some(Movement::new(a.totals.variance, b.totals.variance)),
            outcome_missing: false,
        },
        _ => Comparison {
            fields,
            partners: Vec::new(),
            schemes: Vec::new(),
            variance: None,
            outcome_missing: true,
        },
    }
}

/// Each item of `left` found by id in `right`, with its movement made by `moved`.
fn matched<T, M>(
    left: &[T],
    right: &[T],
    id: impl Fn(&T) -> &str,
    moved: impl Fn(&T, &T) -> M,
) -> Vec<M> {
    left.iter()
        .filter_map(|l| Some(moved(l, right.iter().find(|r| id(r) == id(l))?)))
        .collect()
}

fn partner_movements(a: &Outcome, b: &Outcome) -> Vec<PartnerMovement> {
    matched(
        &a.partners,
        &b.partners,
        |p| &p.id,
        |p, q| PartnerMovement {
            id: p.id.clone(),
            contribution: Movement::new(p.contribution, q.contribution),
            overspend_share: Movement::new(p.overspend_share, q.overspend_share),
            underspend_share: Movement::new(p.underspend_share, q.underspend_share),
            net_share: Movement::new(p.net_share, q.net_share),
            final_cost: Movement::new(p.final_cost, q.final_cost),
        },
    )
}

fn scheme_movements(a: &Outcome, b: &Outcome) -> Vec<SchemeMovement> {
    matched(
        &a.schemes,
        &b.schemes,
        |s| &s.id,
        |s, t| SchemeMovement {
            id: s.id.clone(),
            budget: Movement::new(s.budget, t.budget),
            forecast: Movement::new(s.forecast, t.forecast),
            variance: Movement::new(s.variance, t.variance),
        },
    )
}

/// The field differences of two documents' JSON trees, each named by a path whose list items
/// go by their identity, and read as a sentence.
fn differences(left: &Value, right: &Value) -> Vec<FieldDifference> {
    let mut found = Vec::new();
    diff_values(&PlanPath::default(), left, right, &mut found);
    found
        .into_iter()
        .map(|(path, l, r)| FieldDifference {
            text: describe_difference(left, right, &path, l.as_ref(), r.as_ref()),
            path: path.to_string(),
            left: l,
            right: r,
        })
        .collect()
}

type Found = (PlanPath, Option<Value>, Option<Value>);

/// The identity of each item when every item of both lists has a distinct one.
fn identities<'a>(list: &str, l: &'a [Value], r: &'a [Value]) -> Option<(&'static str, bool)> {
    let field = identity_field(list)?;
    let distinct = |items: &'a [Value]| {
        let ids: Option<Vec<&str>> = items
            .iter()
            .map(|v| v.get(field).and_then(Value::as_str))
            .collect();
        ids.is_some_and(|ids| {
            let unique: std::collections::HashSet<_> = ids.iter().collect();
            unique.len() == ids.len()
        })
    };
    Some((field, distinct(l) && distinct(r)))
}

fn diff_values(path: &PlanPath, left: &Value, right: &Value, out: &mut Vec<Found>) {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            for (key, lv) in l {
                let here = path.child(Step::Key(key.clone()));
                match r.get(key) {
                    Some(rv) => diff_values(&here, lv, rv, out),
                    None => out.push((here, Some(lv.clone()), None)),
                }
            }
            for (key, rv) in r.iter().filter(|(k, _)| !l.contains_key(*k)) {
                out.push((path.child(Step::Key(key.clone())), None, Some(rv.clone())));
            }
        }
        (Value::Array(l), Value::Array(r)) => {
            let list = match path.0.last() {
                Some(Step::Key(key)) => key.as_str(),
                _ => "",
            };
            match identities(list, l, r) {
                Some((field, true)) => {
                    // Items with an identity are matched by it, so an insertion moves nothing.
                    let id = |v: &Value| v.get(field).and_then(Value::as_str).map(str::to_owned);
                    let item = |v: &Value| {
                        path.child(Step::Item {
                            field: field.to_owned(),
                            value: id(v).unwrap_or_default(),
                        })
                    };
                    for lv in l {
                        match r.iter().find(|rv| id(rv) == id(lv)) {
                            Some(rv) => diff_values(&item(lv), lv, rv, out),
                            None => out.push((item(lv), Some(lv.clone()), None)),
                        }
                    }
                    for rv in r.iter().filter(|rv| !l.iter().any(|lv| id(lv) == id(rv))) {
                        out.push((item(rv), None, Some(rv.clone())));
                    }
                }
                _ => {
                    for i in 0..l.len().max(r.len()) {
                        let here = path.child(Step::Index(i));
                        match (l.get(i), r.get(i)) {
                            (Some(a), Some(b)) => diff_values(&here, a, b, out),
                            (a, b) => out.push((here, a.cloned(), b.cloned())),
                        }
                    }
                }
            }
        }
        (l, r) if l != r => out.push((path.clone(), Some(l.clone()), Some(r.clone()))),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::plan::edit::{Edit, EditKind, apply, exact_value};
    use crate::plan::path::PlanPath;
    use crate::plan::read_plan;

    fn example() -> PlanDocument {
        read_plan(include_str!(
            "../../../fixtures/examples/fixed-50-50.plan.json"
        ))
        .unwrap()
    }

    fn edited(doc: &PlanDocument, kind: EditKind, path: &str, value: Option<&str>) -> PlanDocument {
        let edit = Edit::new(kind, PlanPath::parse(path).unwrap(), value.map(exact_value));
        apply(doc, &edit).unwrap().document
    }

    #[test]
    fn a_forecast_change_moves_each_partner_by_its_share() {
        let left = example();
        let right = edited(
            &left,
            EditKind::Set,
            "schemes[1].forecast",
            "5622734.00".into(),
        );
        let c = compare(&left, &right);
        assert_eq!(
            c.fields,
            vec![FieldDifference {
                path: "schemes[id=S02].forecast".into(),
                left: Some(json!("5602734.00")),
                right: Some(json!("5622734.00")),
                text:
                    "Home care to support discharge (S02): forecast £5,602,734.00 → £5,622,734.00"
                        .into(),
            }]
        );
        // The overspend rises by 20,000.00, shared 50:50.
        let moves: Vec<(String, i64)> = c
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.final_cost.change.pence()))
            .collect();
        assert_eq!(
            moves,
            [
                ("council".to_owned(), 1_000_000),
                ("ccg".to_owned(), 1_000_000)
            ]
        );
        assert_eq!(c.schemes[1].variance.change.pence(), 2_000_000);
        assert_eq!(c.variance.unwrap().right.pence(), 62_000_000);
    }

    #[test]
    fn items_are_matched_by_id_not_position() {
        let left = example();
        let scheme = r#"{"id": "S00", "name": "New", "type": "other", "area_of_spend": "other", "commissioner": "council",
            "provider": "other", "funding": []}"#;
        let right = edited(&left, EditKind::Insert, "schemes[0]", Some(scheme));
        let c = compare(&left, &right);
        assert_eq!(c.fields.len(), 1, "{:?}", c.fields);
        assert_eq!(c.fields[0].path, "schemes[id=S00]");
        assert_eq!(c.fields[0].text, "Added scheme New (S00)");
        assert_eq!(c.fields[0].left, None);
        assert_eq!(c.schemes.len(), 5);
        assert!(c.schemes.iter().all(|s| s.forecast.change.is_zero()));
    }
}
