//! Crash safety: a process writing changes in a loop is killed with SIGKILL at random moments;
//! after each kill the workspace reopens sound, with every change it reported committed and
//! nothing half-written.
//!
//! The writer is this test binary run again as a child, with `POOLED_CRASH_WORKSPACE` set so that
//! only [`crash_writer`] does anything.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pooled_store::{Revision, ScenarioId, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::plans::set;
use pooled_testkit::store::workspace_with;
use serde_json::json;

const WORKSPACE_VAR: &str = "POOLED_CRASH_WORKSPACE";
const SCENARIO_VAR: &str = "POOLED_CRASH_SCENARIO";
const FIELD: &str = "schemes[0].forecast";
const ROUNDS: u64 = 20;

/// The forecast written at `revision`: £4,980,000.00 plus one penny per revision.
fn value_at(revision: Revision) -> String {
    let pence = 4_980_000 * 100 + revision.0;
    format!("{}.{:02}", pence / 100, pence % 100)
}

/// Not a test on its own: when spawned by the crash test it edits until killed.
#[test]
fn crash_writer() {
    let Some(path) = std::env::var_os(WORKSPACE_VAR) else {
        return;
    };
    let id: ScenarioId = std::env::var(SCENARIO_VAR).unwrap().parse().unwrap();
    let mut ws = Workspace::open(Path::new(&path), "crash writer").unwrap();
    let mut revision = ws.scenario(id).unwrap().revision;
    let stdout = std::io::stdout();
    loop {
        let value = value_at(revision.next());
        let edit = set(FIELD, &value);
        revision = ws.edit(id, revision, &[edit], Some("crash test")).unwrap();
        let mut out = stdout.lock();
        writeln!(out, "\ncommitted {revision} {value}").unwrap();
        out.flush().unwrap();
    }
}

/// xorshift64: enough randomness for kill moments, deterministic per round.
fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

#[test]
fn killing_a_writer_at_random_moments_loses_nothing_it_reported() {
    if std::env::var_os(WORKSPACE_VAR).is_some() {
        return;
    }
    let dir = TempDir::new("store-crash");
    let (ws, id) = workspace_with(&dir, "fixed-50-50", "crash test");
    let file = ws.path().to_owned();
    drop(ws);

    let started = Instant::now();
    let mut reported: BTreeMap<Revision, String> = BTreeMap::new();
    let mut rounds_killed_after_a_commit = 0;
    let mut in_store = 0;
    for round in 0..ROUNDS {
        let random =
            xorshift(0x9E37_79B9_7F4A_7C15 ^ (round + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let delay = Duration::from_millis(20 + random % 281);

        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash_writer",
                "--exact",
                "--nocapture",
                "--test-threads=1",
                "-q",
            ])
            .env(WORKSPACE_VAR, &file)
            .env(SCENARIO_VAR, id.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    let rest = line.split_once("committed ")?.1.to_owned();
                    let (revision, value) = rest.split_once(' ')?;
                    Some((revision.parse::<Revision>().ok()?, value.to_owned()))
                })
                .collect::<Vec<_>>()
        });
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "round {round}: the writer stopped before it was killed: {status}"
        );
        let committed = reader.join().unwrap();
        if !committed.is_empty() {
            rounds_killed_after_a_commit += 1;
        }
        for (revision, value) in committed {
            assert_eq!(
                reported.insert(revision, value.clone()),
                None,
                "revision {revision} reported twice"
            );
            assert_eq!(value, value_at(revision));
        }

        let ws = Workspace::open(&file, "crash test").unwrap();
        assert_eq!(ws.integrity_check().unwrap(), "ok", "round {round}");
        let report = ws.verify().unwrap();
        assert!(report.is_intact(), "round {round}: {report:?}");
        let scenario = ws.scenario(id).unwrap();
        let changes = ws.changes(id).unwrap();
        assert_eq!(scenario.revision.0, changes.len() as i64, "round {round}");
        assert_eq!(report.changes, changes.len() as i64);
        assert_eq!(
            report.entries,
            2 + changes.len() as i64,
            "create, import, one entry per change"
        );
        for (i, change) in changes.iter().enumerate() {
            assert_eq!(change.revision.0, i as i64 + 1);
            assert_eq!(change.after, Some(json!(value_at(change.revision))));
        }
        for (revision, value) in &reported {
            let change = changes
                .get(revision.0 as usize - 1)
                .unwrap_or_else(|| panic!("reported revision {revision} is missing"));
            assert_eq!(
                (change.revision, change.after.clone()),
                (*revision, Some(json!(value)))
            );
        }
        in_store = changes.len();
        let forecast = scenario.document.schemes[0]
            .forecast
            .as_ref()
            .unwrap()
            .as_str()
            .to_owned();
        match changes.last() {
            Some(last) => assert_eq!(last.after, Some(json!(forecast))),
            None => assert_eq!(forecast, "4980000.00"),
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{ROUNDS} kills in {elapsed:?}: {} changes reported committed, {} committed but killed before \
         reporting, {rounds_killed_after_a_commit} rounds killed after a commit",
        reported.len(),
        // A commit can land just before the kill, before the writer could report it.
        in_store - reported.len()
    );
    assert!(
        rounds_killed_after_a_commit >= 5,
        "only {rounds_killed_after_a_commit} rounds committed before the kill"
    );
    assert!(!reported.is_empty());
}
