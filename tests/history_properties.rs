//! History follows items, not positions: over random sequences of edits that insert, remove,
//! reorder and rename schemes and funding lines (and rename streams), made through the store as
//! a person would, the history of every scheme and every stream lists exactly the changes made
//! to it, by the id it has now (or had last, when it was removed), whatever moved around it.
//!
//! Edits name items by position, as a person at the command line may type them, so this also
//! checks that every position is resolved to the right item before it is recorded.

use std::collections::{BTreeSet, HashMap};

use pooled_api::{HistoryQuery, Revision, ScenarioId, Subject, SubjectKind, Workspace};
use pooled_core::plan::edit::{Edit, EditKind};
use pooled_core::plan::path::PlanPath;
use pooled_testkit::fixtures::example_value;
use pooled_testkit::{TempDir, property_config};
use proptest::prelude::*;
use serde_json::{Value, json};

/// One thing a person does; the numbers pick among what is there at the time.
#[derive(Clone, Debug)]
enum Op {
    InsertScheme(usize),
    RemoveScheme(usize),
    /// Which scheme, and where to.
    MoveScheme(usize, usize),
    RenameScheme(usize),
    /// Which scheme, and its new forecast in pounds.
    SetForecast(usize, u32),
    /// Which scheme, and from which stream.
    AddLine(usize, usize),
    /// Which scheme, and which of its lines.
    RemoveLine(usize, usize),
    /// Which scheme, which line, and the line's new amount in pounds.
    SetLineAmount(usize, usize, u32),
    /// Which scheme, which line, and the stream it moves to.
    MoveLineToStream(usize, usize, usize),
    RenameStream(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..64;
    let pounds = || 1u32..900;
    prop_oneof![
        n().prop_map(Op::InsertScheme),
        n().prop_map(Op::RemoveScheme),
        (n(), n()).prop_map(|(a, b)| Op::MoveScheme(a, b)),
        n().prop_map(Op::RenameScheme),
        (n(), pounds()).prop_map(|(a, b)| Op::SetForecast(a, b)),
        (n(), n()).prop_map(|(a, b)| Op::AddLine(a, b)),
        (n(), n()).prop_map(|(a, b)| Op::RemoveLine(a, b)),
        (n(), n(), pounds()).prop_map(|(a, b, c)| Op::SetLineAmount(a, b, c)),
        (n(), n(), n()).prop_map(|(a, b, c)| Op::MoveLineToStream(a, b, c)),
        n().prop_map(Op::RenameStream),
    ]
}

/// The fixed 50:50 worked example, with room in every stream for any line the test adds.
fn base_plan() -> Value {
    let mut plan = example_value("fixed-50-50");
    for stream in plan["streams"].as_array_mut().unwrap() {
        stream["amount"] = json!("90000000.00");
    }
    plan
}

/// What the test knows of the plan: each scheme by a number of its own that never changes,
/// with the id it has now and its lines' streams (by the stream's place in `streams`); and each
/// stream's id now. And the changes made to each scheme and stream, by change id.
struct Model {
    schemes: Vec<(usize, String, Vec<usize>)>,
    streams: Vec<String>,
    made: usize,
    scheme_changes: HashMap<usize, BTreeSet<i64>>,
    stream_changes: HashMap<usize, BTreeSet<i64>>,
    /// The last id of every scheme ever in the plan.
    last_scheme_id: HashMap<usize, String>,
}

/// One edit of an action, and whom it is about (schemes and streams by their own numbers).
struct Planned {
    edit: Edit,
    schemes: Vec<usize>,
    streams: Vec<usize>,
}

fn planned(
    kind: EditKind,
    path: String,
    value: Option<Value>,
    schemes: &[usize],
    streams: &[usize],
) -> Planned {
    Planned {
        edit: Edit::new(kind, PlanPath::parse(&path).expect("a path"), value),
        schemes: schemes.to_vec(),
        streams: streams.to_vec(),
    }
}

fn id_of(value: &Value, field: &str) -> String {
    value[field].as_str().expect("an id").to_owned()
}

impl Model {
    fn new(plan: &Value) -> Model {
        let streams: Vec<String> = plan["streams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| id_of(s, "id"))
            .collect();
        let schemes: Vec<(usize, String, Vec<usize>)> = plan["schemes"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let lines = s["funding"].as_array().unwrap().iter();
                let lines = lines.map(|l| {
                    streams
                        .iter()
                        .position(|id| *id == id_of(l, "stream"))
                        .unwrap()
                });
                (k, id_of(s, "id"), lines.collect())
            })
            .collect();
        Model {
            made: schemes.len(),
            last_scheme_id: schemes.iter().map(|(k, id, _)| (*k, id.clone())).collect(),
            schemes,
            streams,
            scheme_changes: HashMap::new(),
            stream_changes: HashMap::new(),
        }
    }

    /// A new id no item has had.
    fn fresh(&mut self, prefix: &str) -> String {
        self.made += 1;
        format!("{prefix}{}", self.made)
    }

    /// The scheme `which` picks and its number, or none when there is no scheme.
    fn pick(&self, which: usize) -> Option<(usize, usize)> {
        let n = self.schemes.len();
        (n > 0).then(|| (which % n, self.schemes[which % n].0))
    }

    /// The line `line` picks in scheme `i`, or none when it has no lines.
    fn pick_line(&self, i: usize, line: usize) -> Option<usize> {
        let lines = self.schemes[i].2.len();
        (lines > 0).then(|| line % lines)
    }

    /// The edits one action makes, by position as a person might type them, and what the plan
    /// becomes; `None` when the action cannot be made to this plan (it is skipped).
    fn plan_action(&mut self, op: &Op, current: &Value) -> Option<Vec<Planned>> {
        use EditKind::{Insert, Remove, Set};
        let n = self.schemes.len();
        Some(match *op {
            Op::InsertScheme(at) => {
                let at = at % (n + 1);
                let id = self.fresh("N");
                let me = self.made;
                let mut value = current["schemes"][0].clone();
                let stream = me % self.streams.len();
                value["id"] = json!(id);
                value["funding"] = json!([{"stream": self.streams[stream], "amount": "1.00"}]);
                self.schemes.insert(at, (me, id.clone(), vec![stream]));
                self.last_scheme_id.insert(me, id);
                vec![planned(
                    Insert,
                    format!("schemes[{at}]"),
                    Some(value),
                    &[me],
                    &[],
                )]
            }
            Op::RemoveScheme(which) => {
                let (i, me) = self.pick(which)?;
                self.schemes.remove(i);
                vec![planned(Remove, format!("schemes[{i}]"), None, &[me], &[])]
            }
            Op::MoveScheme(which, to) => {
                // Taken out and put back as it stands, in one action.
                let (i, me) = self.pick(which)?;
                let to = to % n;
                let item = self.schemes.remove(i);
                self.schemes.insert(to, item);
                let value = current["schemes"][i].clone();
                vec![
                    planned(Remove, format!("schemes[{i}]"), None, &[me], &[]),
                    planned(Insert, format!("schemes[{to}]"), Some(value), &[me], &[]),
                ]
            }
            Op::RenameScheme(which) => {
                let (i, me) = self.pick(which)?;
                let id = self.fresh("R");
                self.schemes[i].1 = id.clone();
                self.last_scheme_id.insert(me, id.clone());
                vec![planned(
                    Set,
                    format!("schemes[{i}].id"),
                    Some(json!(id)),
                    &[me],
                    &[],
                )]
            }
            Op::SetForecast(which, pounds) => {
                let (i, me) = self.pick(which)?;
                let value = json!(format!("{pounds}.00"));
                vec![planned(
                    Set,
                    format!("schemes[{i}].forecast"),
                    Some(value),
                    &[me],
                    &[],
                )]
            }
            Op::AddLine(which, stream) => {
                let (i, me) = self.pick(which)?;
                let stream = stream % self.streams.len();
                let lines = &mut self.schemes[i].2;
                if lines.contains(&stream) {
                    return None;
                }
                lines.push(stream);
                let path = format!("schemes[{i}].funding[{}]", lines.len() - 1);
                let line = json!({"stream": self.streams[stream], "amount": "5.00"});
                vec![planned(Insert, path, Some(line), &[me], &[stream])]
            }
            Op::RemoveLine(which, line) => {
                let (i, me) = self.pick(which)?;
                let l = self.pick_line(i, line)?;
                let stream = self.schemes[i].2.remove(l);
                vec![planned(
                    Remove,
                    format!("schemes[{i}].funding[{l}]"),
                    None,
                    &[me],
                    &[stream],
                )]
            }
            Op::SetLineAmount(which, line, pounds) => {
                let (i, me) = self.pick(which)?;
                let l = self.pick_line(i, line)?;
                let path = format!("schemes[{i}].funding[{l}].amount");
                let value = json!(format!("{pounds}.00"));
                vec![planned(
                    Set,
                    path,
                    Some(value),
                    &[me],
                    &[self.schemes[i].2[l]],
                )]
            }
            Op::MoveLineToStream(which, line, stream) => {
                let (i, me) = self.pick(which)?;
                let l = self.pick_line(i, line)?;
                let stream = stream % self.streams.len();
                if self.schemes[i].2.contains(&stream) {
                    return None;
                }
                let from = std::mem::replace(&mut self.schemes[i].2[l], stream);
                let path = format!("schemes[{i}].funding[{l}].stream");
                let value = json!(self.streams[stream]);
                vec![planned(Set, path, Some(value), &[me], &[from, stream])]
            }
            Op::RenameStream(which) => {
                // A stream's new id, and every funding line from it following, in one action.
                let s = which % self.streams.len();
                let id = self.fresh("st-new");
                self.streams[s] = id.clone();
                let mut edits = vec![planned(
                    Set,
                    format!("streams[{s}].id"),
                    Some(json!(id)),
                    &[],
                    &[s],
                )];
                for (i, (me, _, lines)) in self.schemes.iter().enumerate() {
                    for l in (0..lines.len()).filter(|l| lines[*l] == s) {
                        let path = format!("schemes[{i}].funding[{l}].stream");
                        edits.push(planned(Set, path, Some(json!(id)), &[*me], &[s]));
                    }
                }
                edits
            }
        })
    }

    /// Notes which changes an action's edits recorded.
    fn record(&mut self, planned: &[Planned], changes: &[i64]) {
        for (p, change) in planned.iter().zip(changes) {
            for s in &p.schemes {
                self.scheme_changes.entry(*s).or_default().insert(*change);
            }
            for s in &p.streams {
                self.stream_changes.entry(*s).or_default().insert(*change);
            }
        }
    }
}

/// The change ids of the history of one item.
fn history_of(ws: &Workspace, scenario: ScenarioId, kind: SubjectKind, id: &str) -> BTreeSet<i64> {
    let query = HistoryQuery {
        scenario_id: Some(scenario),
        subject: Some(Subject::new(kind, id)),
        ..HistoryQuery::default()
    };
    let history = pooled_api::history(ws, &query).expect("history");
    history
        .entries
        .iter()
        .map(|e| e.entry.detail["change"].as_i64().expect("a change"))
        .collect()
}

fn run(ops: &[Op]) {
    let dir = TempDir::new("history-properties");
    let mut ws = Workspace::create(&dir.path("ws.pooled"), "Tester").unwrap();
    let plan = base_plan();
    let scenario = ws
        .import_plan(plan.to_string().as_bytes(), "Baseline", "test")
        .unwrap();
    let mut model = Model::new(&plan);
    let mut revision = Revision(0);
    for op in ops {
        let current = serde_json::to_value(ws.scenario(scenario).unwrap().document).unwrap();
        let Some(planned) = model.plan_action(op, &current) else {
            continue;
        };
        let edits: Vec<Edit> = planned.iter().map(|p| p.edit.clone()).collect();
        revision = ws
            .edit(scenario, revision, &edits, Some("property"))
            .unwrap_or_else(|e| panic!("{op:?} was refused: {e}"));
        let changes = ws.changes(scenario).unwrap();
        let made: Vec<i64> = changes[changes.len() - planned.len()..]
            .iter()
            .map(|c| c.id.0)
            .collect();
        model.record(&planned, &made);
    }
    let expected = |changes: &HashMap<usize, BTreeSet<i64>>, key: usize| {
        changes.get(&key).cloned().unwrap_or_default()
    };
    for (me, id) in &model.last_scheme_id {
        let found = history_of(&ws, scenario, SubjectKind::Scheme, id);
        assert_eq!(
            found,
            expected(&model.scheme_changes, *me),
            "scheme {id} after {ops:?}"
        );
    }
    for (s, id) in model.streams.iter().enumerate() {
        let found = history_of(&ws, scenario, SubjectKind::Stream, id);
        assert_eq!(
            found,
            expected(&model.stream_changes, s),
            "stream {id} after {ops:?}"
        );
    }
    assert!(ws.verify().unwrap().is_intact());
}

proptest! {
    #![proptest_config(property_config(48))]

    #[test]
    fn history_lists_exactly_the_changes_made_to_each_item(ops in prop::collection::vec(op(), 1..24)) {
        run(&ops);
    }
}

/// The case that shows the defect this guards against: a scheme inserted in front of another
/// used to make the older changes point at the wrong scheme.
#[test]
fn an_insert_in_front_does_not_move_older_changes() {
    run(&[
        Op::SetForecast(1, 7),
        Op::InsertScheme(0),
        Op::SetForecast(2, 8),
        Op::RenameScheme(2),
        Op::RenameStream(1),
        Op::MoveScheme(0, 3),
        Op::MoveLineToStream(3, 0, 2),
    ]);
}
