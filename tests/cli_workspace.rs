//! The workspace commands of `pooled` as a finance lead runs them: real output, messages and
//! exit codes, each test in its own workspace file in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary directory holding one test's workspace, removed when the test ends.
struct Dir {
    path: PathBuf,
    workspace: PathBuf,
}

impl Dir {
    fn new(test: &str) -> Dir {
        let path = std::env::temp_dir().join(format!(
            "pooled-cli-workspace-{}-{test}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        let workspace = path.join("bcf.pooled");
        Dir { path, workspace }
    }

    /// Runs `pooled ARGS --workspace <this test's workspace>`.
    fn pooled(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--workspace", self.workspace.to_str().unwrap()]);
        pooled(&all, &[])
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Runs the built binary from the crate root, with the changes recorded under "Finance Team"
/// unless `--as` says otherwise, and with no workspace from the environment.
fn pooled(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pooled"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("POOLED_USER", "Finance Team")
        .env_remove("POOLED_WORKSPACE");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("pooled runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Runs and expects exit status 0, returning standard output.
fn ok(dir: &Dir, args: &[&str]) -> String {
    let out = dir.pooled(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "pooled {args:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// The line of `text` that contains `needle`, split into words.
fn words_of_line<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with '{needle}' in:\n{text}"))
        .split_whitespace()
        .collect()
}

fn ends_with(words: &[&str], tail: &[&str]) -> bool {
    words.len() >= tail.len() && words[words.len() - tail.len()..] == *tail
}

const COUNCIL: &str = "Telford & Wrekin Council";
const CCG: &str = "Telford and Wrekin CCG";
const FIXED: &str = "fixtures/examples/fixed-50-50.plan.json";

#[test]
fn a_finance_lead_compares_agrees_and_proves_nothing_changed() {
    let dir = Dir::new("journey");
    let text = ok(&dir, &["init", "--empty"]);
    assert!(text.starts_with("Created the workspace"), "{text}");

    let text = ok(&dir, &["import", FIXED]);
    assert!(text.contains("as plan 1"), "{text}");
    assert!(text.contains("Scenario 1 \"Baseline\""), "{text}");
    let text = ok(&dir, &["branch", "1", "--name", "M6 forecast"]);
    assert!(text.starts_with("Scenario 2 \"M6 forecast\""), "{text}");

    // Raising the forecast by 20,000.01 raises the overspend by as much, shared 50:50: the odd
    // penny goes to the first partner, the council.
    let text = ok(
        &dir,
        &[
            "set",
            "2",
            "schemes[0].forecast",
            "5000000.01",
            "--reason",
            "M6 return from the provider",
            "--as",
            "Ann Lee",
        ],
    );
    assert!(text.contains("now at revision 1"), "{text}");
    assert!(
        text.contains(
            "set schemes[0].forecast: 4980000.00 → 5000000.01 (reason: M6 return from the provider)"
        ),
        "{text}"
    );
    let council = words_of_line(&text, COUNCIL);
    assert!(
        ends_with(
            &council,
            &["£9,947,444.00", "→", "£9,957,444.01", "£10,000.01"]
        ),
        "{text}"
    );
    let ccg = words_of_line(&text, CCG);
    assert!(
        ends_with(
            &ccg,
            &["£14,420,468.00", "→", "£14,430,468.00", "£10,000.00"]
        ),
        "{text}"
    );

    let text = ok(&dir, &["diff", "1", "2"]);
    assert!(
        text.contains("  schemes[0].forecast: 4980000.00 → 5000000.01\n"),
        "{text}"
    );
    let council = words_of_line(&text, COUNCIL);
    assert!(
        ends_with(&council, &["£9,947,444.00", "£9,957,444.01", "£10,000.01"]),
        "{text}"
    );
    let ccg = words_of_line(&text, CCG);
    assert!(
        ends_with(&ccg, &["£14,420,468.00", "£14,430,468.00", "£10,000.00"]),
        "{text}"
    );
    let partner_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(COUNCIL) || l.contains(CCG))
        .collect();
    assert_eq!(
        partner_lines[0].chars().count(),
        partner_lines[1].chars().count(),
        "amounts are right-aligned:\n{text}"
    );
    assert!(
        ends_with(
            &words_of_line(&text, "S01 Reablement beds"),
            &["forecast", "£4,980,000.00", "£5,000,000.01", "£20,000.01"]
        ),
        "{text}"
    );
    assert!(
        text.contains("Total variance: £600,000.00 → £620,000.01 (change £20,000.01)"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&dir, &["diff", "1", "2", "--json"])).unwrap();
    assert_eq!(json["partners"][0]["final_cost"]["change"], "10000.01");

    let text = ok(
        &dir,
        &[
            "agree",
            "2",
            "--sign",
            "Ann Lee;Pooled fund manager;Telford & Wrekin Council;2025-10-14",
            "--sign",
            "Raj Patel;ICB chief finance officer;Shropshire, Telford and Wrekin ICB;2025-10-14",
            "--sign",
            "Sue Moss;Section 151 officer;Telford & Wrekin Council;2025-10-15",
        ],
    );
    assert!(text.contains("is agreed at revision 1"), "{text}");
    assert!(text.contains("Document SHA-256: "), "{text}");
    assert!(text.contains("Outcome SHA-256: "), "{text}");
    assert!(
        text.contains("  Raj Patel, ICB chief finance officer, Shropshire, Telford and Wrekin ICB, 2025-10-14\n"),
        "{text}"
    );

    let text = ok(&dir, &["list"]);
    let agreed = words_of_line(&text, "M6 forecast");
    assert_eq!(
        agreed,
        ["2", "M6", "forecast", "agreed", "1", "1"],
        "{text}"
    );
    assert_eq!(
        words_of_line(&text, "Baseline"),
        ["1", "Baseline", "draft", "0", "-"]
    );
    assert!(text.contains("2019/20"), "{text}");

    // The agreed outcome is the one frozen at agreement.
    let outcome: serde_json::Value =
        serde_json::from_str(&ok(&dir, &["show", "2", "--outcome"])).unwrap();
    assert_eq!(outcome["partners"][0]["final_cost"], "9957444.01");

    let out = dir.pooled(&["set", "2", "schemes[0].forecast", "5000000.02"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.starts_with("pooled: "), "{message}");
    assert!(message.contains("can never be changed"), "{message}");
    assert!(message.contains("[S-FROZEN]"), "{message}");

    let text = ok(&dir, &["history", "2", "--field", "schemes[0]"]);
    let change = words_of_line(&text, "schemes[0].forecast");
    assert_eq!(change[0], "4", "{text}");
    assert!(
        change.contains(&"Ann") && change.contains(&"change"),
        "{text}"
    );
    assert!(
        text.contains(
            "set schemes[0].forecast: 4980000.00 → 5000000.01 (reason: M6 return from the provider)"
        ),
        "{text}"
    );
    let text = ok(&dir, &["history", "--who", "Ann Lee"]);
    assert_eq!(text.lines().count(), 2, "header and the change:\n{text}");
    let text = ok(&dir, &["history"]);
    for action in ["create-workspace", "import", "branch", "change", "agree"] {
        assert!(text.contains(action), "{action}: {text}");
    }

    let text = ok(&dir, &["audit", "verify"]);
    assert_eq!(
        text,
        "Audit trail intact: 5 entries, 1 change, 1 agreed version, 2 scenarios checked.\n"
    );

    // Someone edits the file with a SQLite tool, removing the trigger that forbids it first.
    {
        let conn = rusqlite::Connection::open(&dir.workspace).unwrap();
        conn.execute_batch(
            r#"DROP TRIGGER audit_never_changes;
               UPDATE audit SET detail = '{"from": 1, "scenario": "Something else"}' WHERE seq = 3;"#,
        )
        .unwrap();
    }
    let out = dir.pooled(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Audit trail broken at entry 3: "),
        "{text}"
    );
    assert!(text.contains("audit entry 3"), "{text}");
}

#[test]
fn the_default_workspace_starts_with_the_demo_plan() {
    let dir = Dir::new("default");
    let data = dir.path.join("data");
    let out = pooled(&["list"], &[("XDG_DATA_HOME", &data)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Northbrook Better Care Fund 2025-26  2025/26"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("with the demo plan"),
        "{}",
        stderr(&out)
    );
    assert!(data.join("pooled/workspace.pooled").exists());

    // The second time it is opened, not created again.
    let out = pooled(&["list"], &[("XDG_DATA_HOME", &data)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out).matches("Northbrook").count(), 1);

    // A workspace that is named but missing is an error, not a new file.
    let missing = dir.path.join("missing.pooled");
    let out = pooled(&["list", "--workspace", missing.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("[S-NO-WORKSPACE]"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists());
    let out = pooled(&["list"], &[("POOLED_WORKSPACE", &missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}

#[test]
fn a_plan_with_errors_is_listed_and_not_imported() {
    let dir = Dir::new("invalid");
    ok(&dir, &["init"]);
    let before = (ok(&dir, &["list"]), ok(&dir, &["history"]));
    let out = dir.pooled(&[
        "import",
        "fixtures/examples/invalid-several-errors.plan.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("error E-")).count(),
        6,
        "{text}"
    );
    assert!(
        text.contains("error E-UNKNOWN-REF at schemes[1].funding[0].stream"),
        "{text}"
    );
    assert!(
        text.ends_with("The plan has 6 errors, so nothing was saved.\n"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("[S-INVALID-PLAN]"),
        "{}",
        stderr(&out)
    );
    assert_eq!((ok(&dir, &["list"]), ok(&dir, &["history"])), before);

    // Mistyped ids are usage errors, not plan errors.
    assert_eq!(dir.pooled(&["show", "two"]).status.code(), Some(1));
    let out = dir.pooled(&["show", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("[S-UNKNOWN-SCENARIO]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_refuses_to_overwrite_and_is_recorded() {
    let dir = Dir::new("export");
    ok(&dir, &["init", "--empty"]);
    ok(&dir, &["import", FIXED]);
    let file = dir.path.join("outcome.json");
    let target = file.to_str().unwrap();
    ok(&dir, &["export", "1", "--outcome", "-o", target]);
    let written = std::fs::read_to_string(&file).unwrap();
    let outcome: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(outcome["partners"][1]["final_cost"], "14420468.00");

    let out = dir.pooled(&["export", "1", "-o", target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);

    ok(&dir, &["export", "1", "-o", target, "--force"]);
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(plan["format"], "pooled-plan/1");
    let history = ok(&dir, &["history", "1"]);
    assert_eq!(history.matches(" export ").count(), 2, "{history}");
    assert!(history.contains("outcome exported to"), "{history}");
}

#[test]
fn a_backup_opens_with_the_same_scenarios() {
    let dir = Dir::new("backup");
    ok(&dir, &["init"]);
    ok(&dir, &["import", FIXED]);
    ok(&dir, &["branch", "2", "--name", "Lower forecasts"]);
    let copy = dir.path.join("copy.pooled");
    let text = ok(&dir, &["backup", copy.to_str().unwrap()]);
    assert!(
        text.contains(&format!("pooled list --workspace {}", copy.display())),
        "{text}"
    );
    let out = pooled(&["list", "--workspace", copy.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let body = |text: &str| text.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(body(&stdout(&out)), body(&ok(&dir, &["list"])));
    assert!(stdout(&out).contains("Lower forecasts"));

    // A backup never overwrites a file.
    let out = dir.pooled(&["backup", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[S-EXISTS]"), "{}", stderr(&out));
}
