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
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{Value, json};

/// The seed a run uses: `POOLED_PROPERTY_SEED` (a number, or `random`), else a fixed one, so
/// that a failure can be replayed exactly.
fn config(cases: u32) -> Config {
    let seed = match std::env::var("POOLED_PROPERTY_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        Ok(number) => number
            .parse()
            .expect("POOLED_PROPERTY_SEED: a number or random"),
        Err(_) => 20_261_202,
    };
    eprintln!("POOLED_PROPERTY_SEED={seed}");
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// One thing a person does; the numbers pick among what is there at the time.
#[derive(Clone, Debug)]
enum Op {
    InsertScheme {
        at: usize,
    },
    RemoveScheme {
        which: usize,
    },
    MoveScheme {
        which: usize,
        to: usize,
    },
    RenameScheme {
        which: usize,
    },
    SetForecast {
        which: usize,
        pounds: u32,
    },
    AddLine {
        which: usize,
        stream: usize,
    },
    RemoveLine {
        which: usize,
        line: usize,
    },
    SetLineAmount {
        which: usize,
        line: usize,
        pounds: u32,
    },
    MoveLineToStream {
        which: usize,
        line: usize,
        stream: usize,
    },
    RenameStream {
        which: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..64;
    prop_oneof![
        n.clone().prop_map(|at| Op::InsertScheme { at }),
        n.clone().prop_map(|which| Op::RemoveScheme { which }),
        (n.clone(), n.clone()).prop_map(|(which, to)| Op::MoveScheme { which, to }),
        n.clone().prop_map(|which| Op::RenameScheme { which }),
        (n.clone(), 1u32..900).prop_map(|(which, pounds)| Op::SetForecast { which, pounds }),
        (n.clone(), n.clone()).prop_map(|(which, stream)| Op::AddLine { which, stream }),
        (n.clone(), n.clone()).prop_map(|(which, line)| Op::RemoveLine { which, line }),
        (n.clone(), n.clone(), 1u32..900).prop_map(|(which, line, pounds)| Op::SetLineAmount {
            which,
            line,
            pounds
        }),
        (n.clone(), n.clone(), n.clone()).prop_map(|(which, line, stream)| Op::MoveLineToStream {
            which,
            line,
            stream
        }),
        n.prop_map(|which| Op::RenameStream { which }),
    ]
}

const STREAMS: usize = 4;

fn base_plan() -> Value {
    let streams: Vec<Value> = (0..STREAMS)
        .map(|s| {
            json!({"id": format!("st{s}"), "name": format!("Stream {s}"), "kind": "other",
                   "partner": if s % 2 == 0 { "council" } else { "icb" }, "amount": "1000000.00"})
        })
        .collect();
    let schemes: Vec<Value> = (0..4)
        .map(|k| scheme(&format!("S{k}"), &[(k % STREAMS, 100 + k as u32)]))
        .collect();
    json!({
        "format": "pooled-plan/1",
        "name": "History properties",
        "financial_year": "2025-26",
        "partners": [
            {"id": "council", "name": "Council", "kind": "council"},
            {"id": "icb", "name": "ICB", "kind": "icb"}
        ],
        "host": "council",
        "streams": streams,
        "schemes": schemes
    })
}

fn scheme(id: &str, lines: &[(usize, u32)]) -> Value {
    let funding: Vec<Value> = lines
        .iter()
        .map(|(s, pounds)| json!({"stream": format!("st{s}"), "amount": format!("{pounds}.00")}))
        .collect();
    json!({"id": id, "name": format!("Scheme {id}"), "type": "other", "area_of_spend": "other",
           "commissioner": "council", "provider": "other", "funding": funding})
}

/// What the test knows of the plan: each scheme by a number of its own that never changes,
/// with the id it has now and its lines' streams (by the stream's own number); and each
/// stream's id now.
struct Model {
    schemes: Vec<(usize, String, Vec<usize>)>,
    streams: Vec<String>,
    next_scheme: usize,
    next_name: usize,
    /// The changes made to each scheme and each stream (by their own numbers), by change id.
    scheme_changes: HashMap<usize, BTreeSet<i64>>,
    stream_changes: HashMap<usize, BTreeSet<i64>>,
    /// The last id of every scheme ever in the plan.
    last_scheme_id: HashMap<usize, String>,
}

/// One edit of an action, and whom it is about.
struct Planned {
    edit: Edit,
    schemes: Vec<usize>,
    streams: Vec<usize>,
}

fn edit(kind: EditKind, path: String, value: Option<Value>) -> Edit {
    Edit::new(kind, PlanPath::parse(&path).expect("a path"), value)
}

impl Model {
    fn new(plan: &Value) -> Model {
        let streams = (0..STREAMS).map(|s| format!("st{s}")).collect();
        let schemes: Vec<(usize, String, Vec<usize>)> = plan["schemes"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(k, s)| (k, s["id"].as_str().unwrap().to_owned(), vec![k % STREAMS]))
            .collect();
        let last_scheme_id = schemes.iter().map(|(k, id, _)| (*k, id.clone())).collect();
        Model {
            next_scheme: schemes.len(),
            schemes,
            streams,
            next_name: 0,
            scheme_changes: HashMap::new(),
            stream_changes: HashMap::new(),
            last_scheme_id,
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }

    /// The edits one action makes, by position as a person might type them; `None` when the
    /// action cannot be made to this plan (it is skipped).
    fn plan_action(&mut self, op: &Op, current: &Value) -> Option<Vec<Planned>> {
        let n = self.schemes.len();
        let pick = |i: usize| if n == 0 { None } else { Some(i % n) };
        let planned = |edit: Edit, schemes: Vec<usize>, streams: Vec<usize>| Planned {
            edit,
            schemes,
            streams,
        };
        Some(match *op {
            Op::InsertScheme { at } => {
                let at = at % (n + 1);
                let id = self.fresh("N");
                let stream = self.next_name % STREAMS;
                let value = scheme(&id, &[(0, 1)]);
                let mut value = value;
                value["funding"][0]["stream"] = json!(self.streams[stream]);
                let me = self.next_scheme;
                self.next_scheme += 1;
                self.schemes.insert(at, (me, id.clone(), vec![stream]));
                self.last_scheme_id.insert(me, id);
                vec![planned(
                    edit(EditKind::Insert, format!("schemes[{at}]"), Some(value)),
                    vec![me],
                    vec![],
                )]
            }
            Op::RemoveScheme { which } => {
                let i = pick(which)?;
                let (me, _, _) = self.schemes.remove(i);
                vec![planned(
                    edit(EditKind::Remove, format!("schemes[{i}]"), None),
                    vec![me],
                    vec![],
                )]
            }
            Op::MoveScheme { which, to } => {
                let i = pick(which)?;
                let item = self.schemes.remove(i);
                let to = to % n;
                // The scheme is put back as it stands, in one action with its removal.
                let value = current["schemes"][i].clone();
                let me = item.0;
                self.schemes.insert(to, item);
                vec![
                    planned(
                        edit(EditKind::Remove, format!("schemes[{i}]"), None),
                        vec![me],
                        vec![],
                    ),
                    planned(
                        edit(EditKind::Insert, format!("schemes[{to}]"), Some(value)),
                        vec![me],
                        vec![],
                    ),
                ]
            }
            Op::RenameScheme { which } => {
                let i = pick(which)?;
                let id = self.fresh("R");
                let me = self.schemes[i].0;
                self.schemes[i].1 = id.clone();
                self.last_scheme_id.insert(me, id.clone());
                vec![planned(
                    edit(EditKind::Set, format!("schemes[{i}].id"), Some(json!(id))),
                    vec![me],
                    vec![],
                )]
            }
            Op::SetForecast { which, pounds } => {
                let i = pick(which)?;
                vec![planned(
                    edit(
                        EditKind::Set,
                        format!("schemes[{i}].forecast"),
                        Some(json!(format!("{pounds}.00"))),
                    ),
                    vec![self.schemes[i].0],
                    vec![],
                )]
            }
            Op::AddLine { which, stream } => {
                let i = pick(which)?;
                let stream = stream % STREAMS;
                if self.schemes[i].2.contains(&stream) {
                    return None;
                }
                let at = self.schemes[i].2.len();
                self.schemes[i].2.push(stream);
                let line = json!({"stream": self.streams[stream], "amount": "5.00"});
                vec![planned(
                    edit(
                        EditKind::Insert,
                        format!("schemes[{i}].funding[{at}]"),
                        Some(line),
                    ),
                    vec![self.schemes[i].0],
                    vec![stream],
                )]
            }
            Op::RemoveLine { which, line } => {
                let i = pick(which)?;
                let lines = self.schemes[i].2.len();
                if lines == 0 {
                    return None;
                }
                let l = line % lines;
                let stream = self.schemes[i].2.remove(l);
                vec![planned(
                    edit(EditKind::Remove, format!("schemes[{i}].funding[{l}]"), None),
                    vec![self.schemes[i].0],
                    vec![stream],
                )]
            }
            Op::SetLineAmount {
                which,
                line,
                pounds,
            } => {
                let i = pick(which)?;
                let lines = self.schemes[i].2.len();
                if lines == 0 {
                    return None;
                }
                let l = line % lines;
                vec![planned(
                    edit(
                        EditKind::Set,
                        format!("schemes[{i}].funding[{l}].amount"),
                        Some(json!(format!("{pounds}.00"))),
                    ),
                    vec![self.schemes[i].0],
                    vec![self.schemes[i].2[l]],
                )]
            }
            Op::MoveLineToStream {
                which,
                line,
                stream,
            } => {
                let i = pick(which)?;
                let lines = self.schemes[i].2.len();
                let stream = stream % STREAMS;
                if lines == 0 || self.schemes[i].2.contains(&stream) {
                    return None;
                }
                let l = line % lines;
                let from = std::mem::replace(&mut self.schemes[i].2[l], stream);
                vec![planned(
                    edit(
                        EditKind::Set,
                        format!("schemes[{i}].funding[{l}].stream"),
                        Some(json!(self.streams[stream])),
                    ),
                    vec![self.schemes[i].0],
                    vec![from, stream],
                )]
            }
            Op::RenameStream { which } => {
                // A stream's new id, and every funding line from it following, in one action.
                let s = which % STREAMS;
                let id = self.fresh("st-new");
                self.streams[s] = id.clone();
                let mut edits = vec![planned(
                    edit(EditKind::Set, format!("streams[{s}].id"), Some(json!(id))),
                    vec![],
                    vec![s],
                )];
                for (i, (me, _, lines)) in self.schemes.iter().enumerate() {
                    for (l, _) in lines.iter().enumerate().filter(|(_, st)| **st == s) {
                        edits.push(planned(
                            edit(
                                EditKind::Set,
                                format!("schemes[{i}].funding[{l}].stream"),
                                Some(json!(id)),
                            ),
                            vec![*me],
                            vec![s],
                        ));
                    }
                }
                edits
            }
        })
    }
}

/// The change ids of the history of one item.
fn history_of(ws: &Workspace, scenario: ScenarioId, kind: SubjectKind, id: &str) -> BTreeSet<i64> {
    let query = HistoryQuery {
        scenario_id: Some(scenario),
        subject: Some(Subject::new(kind, id)),
        ..HistoryQuery::default()
    };
    pooled_api::history(ws, &query)
        .expect("history")
        .entries
        .iter()
        .map(|e| e.entry.detail["change"].as_i64().expect("a change entry"))
        .collect()
}

fn run(ops: &[Op]) {
    let dir = std::env::temp_dir().join(format!(
        "pooled-history-{}-{}",
        std::process::id(),
        std::thread::current()
            .name()
            .unwrap_or("t")
            .replace(':', "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut ws = Workspace::create(&dir.join("ws.pooled"), "Tester").unwrap();
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
        let made = &changes[changes.len() - planned.len()..];
        for (p, change) in planned.iter().zip(made) {
            for s in &p.schemes {
                model
                    .scheme_changes
                    .entry(*s)
                    .or_default()
                    .insert(change.id.0);
            }
            for s in &p.streams {
                model
                    .stream_changes
                    .entry(*s)
                    .or_default()
                    .insert(change.id.0);
            }
        }
    }
    for (me, id) in &model.last_scheme_id {
        let expected = model.scheme_changes.get(me).cloned().unwrap_or_default();
        assert_eq!(
            history_of(&ws, scenario, SubjectKind::Scheme, id),
            expected,
            "scheme {id} after {ops:?}"
        );
    }
    for (s, id) in model.streams.iter().enumerate() {
        let expected = model.stream_changes.get(&s).cloned().unwrap_or_default();
        assert_eq!(
            history_of(&ws, scenario, SubjectKind::Stream, id),
            expected,
            "stream {id} after {ops:?}"
        );
    }
    assert!(ws.verify().unwrap().is_intact());
    drop(ws);
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(config(48))]

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
        Op::SetForecast {
            which: 1,
            pounds: 7,
        },
        Op::InsertScheme { at: 0 },
        Op::SetForecast {
            which: 2,
            pounds: 8,
        },
        Op::RenameScheme { which: 2 },
        Op::RenameStream { which: 1 },
        Op::MoveScheme { which: 0, to: 3 },
    ]);
}
