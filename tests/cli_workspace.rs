//! The workspace commands of `pooled` as a finance lead runs them: real output, messages and
//! exit codes, each test in its own workspace file in a temporary directory.

use pooled_testkit::TempDir;
use pooled_testkit::cli::{Pooled, SIGN_ARGS, assert_line_ends, words_of_line};
use pooled_testkit::fixtures::{INVALID_EXAMPLE, example_file};

/// A temporary folder holding one test's workspace, removed when the test ends.
struct Dir {
    dir: TempDir,
    workspace: std::path::PathBuf,
}

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = TempDir::new(&format!("cli-workspace-{test}"));
        let workspace = dir.path("bcf.pooled");
        Dir { dir, workspace }
    }

    /// `pooled ARGS --workspace <this test's workspace>`.
    fn pooled(&self) -> Pooled {
        pooled().workspace(&self.workspace)
    }

    /// Runs and expects exit status 0, returning standard output.
    fn ok(&self, args: &[&str]) -> String {
        self.pooled().ok(args)
    }
}

/// The built binary, run from the repository root with changes recorded under "Finance Team"
/// unless `--as` says otherwise, and with no workspace from the environment.
fn pooled() -> Pooled {
    pooled_testkit::pooled!()
}

const COUNCIL: &str = "Telford & Wrekin Council";
const CCG: &str = "Telford and Wrekin CCG";
const FIXED: &str = "fixtures/examples/fixed-50-50.plan.json";

/// `agree SCENARIO` with the three sign-offs of October 2025.
fn agree(scenario: &str) -> Vec<&str> {
    let mut args = vec!["agree", scenario];
    args.extend(SIGN_ARGS);
    args
}

#[test]
fn a_finance_lead_compares_agrees_and_proves_nothing_changed() {
    let dir = Dir::new("journey");
    let text = dir.ok(&["init", "--empty"]);
    assert!(text.starts_with("Created the workspace"), "{text}");

    let text = dir.ok(&["import", FIXED]);
    assert!(text.contains("as plan 1"), "{text}");
    assert!(text.contains("Scenario 1 \"Baseline\""), "{text}");
    let text = dir.ok(&["branch", "1", "--name", "M6 forecast"]);
    assert!(text.starts_with("Scenario 2 \"M6 forecast\""), "{text}");

    // Raising the forecast by 20,000.01 raises the overspend by as much, shared 50:50: the odd
    // penny goes to the first partner, the council.
    let text = dir.ok(&[
        "set",
        "2",
        "schemes[0].forecast",
        "5000000.01",
        "--reason",
        "M6 return from the provider",
        "--as",
        "Ann Lee",
    ]);
    assert!(
        text.starts_with(
            "Scenario 2 \"M6 forecast\" is now at revision 1.\n  \
             Reablement beds (S01): forecast £4,980,000.00 → £5,000,000.01, because M6 return \
             from the provider\n"
        ),
        "{text}"
    );
    assert_line_ends(
        &text,
        COUNCIL,
        &["£9,947,444.00", "→", "£9,957,444.01", "£10,000.01"],
    );
    assert_line_ends(
        &text,
        CCG,
        &["£14,420,468.00", "→", "£14,430,468.00", "£10,000.00"],
    );

    let text = dir.ok(&["diff", "1", "2"]);
    assert!(
        text.contains(
            "1 field that differs:\n  \
             Reablement beds (S01): forecast £4,980,000.00 → £5,000,000.01\n"
        ),
        "{text}"
    );
    assert_line_ends(
        &text,
        COUNCIL,
        &["£9,947,444.00", "£9,957,444.01", "£10,000.01"],
    );
    assert_line_ends(
        &text,
        CCG,
        &["£14,420,468.00", "£14,430,468.00", "£10,000.00"],
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
    assert_line_ends(
        &text,
        "S01 Reablement beds",
        &["forecast", "£4,980,000.00", "£5,000,000.01", "£20,000.01"],
    );
    assert!(
        text.contains("Total variance: £600,000.00 → £620,000.01 (change £20,000.01)"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&dir.ok(&["diff", "1", "2", "--json"])).unwrap();
    assert_eq!(json["partners"][0]["final_cost"]["change"], "10000.01");

    let text = dir.ok(&agree("2"));
    assert!(text.contains("is agreed at revision 1"), "{text}");
    assert!(text.contains("Document SHA-256: "), "{text}");
    assert!(text.contains("Outcome SHA-256: "), "{text}");
    assert!(
        text.contains("  Raj Patel, ICB chief finance officer, Shropshire, Telford and Wrekin ICB, 2025-10-14\n"),
        "{text}"
    );

    let text = dir.ok(&["list"]);
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
        serde_json::from_str(&dir.ok(&["show", "2", "--outcome"])).unwrap();
    assert_eq!(outcome["partners"][0]["final_cost"], "9957444.01");

    let out = dir
        .pooled()
        .expect(1, &["set", "2", "schemes[0].forecast", "5000000.02"]);
    assert!(out.stderr.starts_with("pooled: "), "{}", out.stderr);
    out.complains("can never be changed");
    assert!(out.stderr.ends_with(" [S-FROZEN]\n"), "{}", out.stderr);

    // The scheme's history: the header, then the change in words, with who made it and why.
    let text = dir.ok(&["history", "2", "--scheme", "S01"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["seq", "time", "(UTC)", "who", "scenario", "what"],
        "{text}"
    );
    assert_eq!(lines.len(), 2, "{text}");
    let change = words_of_line(&text, "Reablement beds (S01)");
    assert_eq!(change[0], "4", "{text}");
    assert_eq!(change[3..6], ["Ann", "Lee", "2"], "{text}");
    assert!(
        lines[1].ends_with(
            "Reablement beds (S01): forecast £4,980,000.00 → £5,000,000.01, because M6 return \
             from the provider"
        ),
        "{text}"
    );
    assert_eq!(
        dir.ok(&["history", "2", "--scheme", "S02"]),
        "No audit entries match.\n"
    );
    let text = dir.ok(&["history", "--who", "Ann Lee"]);
    assert_eq!(text.lines().count(), 2, "header and the change:\n{text}");
    let text = dir.ok(&["history"]);
    for what in [
        "Created the workspace",
        "Imported “Baseline” from fixtures/examples/fixed-50-50.plan.json",
        "Branched “M6 forecast” from scenario 1 “Baseline”",
        "Reablement beds (S01): forecast",
        "Agreed, signed off by Ann Lee (Pooled fund manager), Raj Patel (ICB chief finance \
         officer), Sue Moss (Section 151 officer)",
    ] {
        assert!(text.contains(what), "{what}: {text}");
    }

    let text = dir.ok(&["audit", "verify"]);
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
    let text = dir.pooled().expect(2, &["audit", "verify"]).stdout;
    assert!(
        text.starts_with("Audit trail broken at entry 3: "),
        "{text}"
    );
    assert!(text.contains("audit entry 3"), "{text}");
}

#[test]
fn the_history_of_an_item_follows_it_wherever_it_moves_and_whatever_it_is_called() {
    let dir = Dir::new("follow");
    dir.ok(&["init", "--empty"]);
    dir.ok(&["import", FIXED]);
    let change = |args: &[&str], reason: &str| {
        let mut all = args.to_vec();
        all.extend(["--reason", reason]);
        dir.ok(&all)
    };
    // S01 is removed, so S02 comes first: a position typed now is recorded as S02.
    change(
        &["remove", "1", "schemes[0]"],
        "Moved to the council's budget",
    );
    change(&["set", "1", "schemes[0].forecast", "5600000.00"], "M6");
    change(&["set", "1", "schemes[0].id", "\"S02B\""], "New code");
    change(
        &["set", "1", "schemes[id=S02B].forecast", "5650000.00"],
        "M7",
    );
    change(
        &[
            "set",
            "1",
            "schemes[id=S04].funding[stream=ibcf].amount",
            "1260000.00",
        ],
        "Carers' uplift",
    );

    // The `what` column of each entry the filter shows.
    let what = |filter: &[&str]| -> Vec<String> {
        let mut args = vec!["history", "1"];
        args.extend(filter);
        let text = dir.ok(&args);
        let Some(column) = text.lines().next().and_then(|header| header.find("what")) else {
            return Vec::new();
        };
        text.lines()
            .skip(1)
            .map(|l| l[column..].to_owned())
            .collect()
    };
    assert_eq!(
        what(&["--scheme", "S01"]),
        ["Removed scheme Reablement beds (S01), because Moved to the council's budget"]
    );
    let s02 = [
        "Home care to support discharge (S02): forecast £5,602,734.00 → £5,600,000.00, because M6",
        "Home care to support discharge (S02): id S02 → S02B, because New code",
    ];
    assert_eq!(what(&["--scheme", "S02"]), s02);
    // Under its new id, the scheme's history goes back across the change of id.
    let s02b = what(&["--scheme", "S02B"]);
    assert_eq!(s02b[..2], s02);
    assert_eq!(
        s02b[2..],
        [
            "Home care to support discharge (S02B): forecast £5,600,000.00 → £5,650,000.00, because M7"
        ]
    );
    // A funding line's change belongs to its scheme and to its stream.
    let carers = what(&["--scheme", "S04"]);
    assert_eq!(
        carers,
        [
            "Carers' breaks (S04), funding from Improved Better Care Fund (ibcf): amount \
             £1,200,000.00 → £1,260,000.00, because Carers' uplift"
        ]
    );
    assert!(what(&["--stream", "ibcf"]).contains(&carers[0]));
    assert!(!what(&["--stream", "dfg"]).contains(&carers[0]));
    assert_eq!(what(&["--scheme", "S03"]), [] as [&str; 0]);
}

#[test]
fn the_default_workspace_starts_with_the_demo_plan() {
    let dir = Dir::new("default");
    let data = dir.dir.path("data");
    let with_data = pooled().env("XDG_DATA_HOME", &data);
    let out = with_data.expect(0, &["list"]);
    out.says("Northbrook Better Care Fund 2025-26  2025/26");
    out.complains("with the demo plan");
    assert!(data.join("pooled/workspace.pooled").exists());

    // The second time it is opened, not created again.
    let out = with_data.expect(0, &["list"]);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout.matches("Northbrook").count(), 1);

    // A workspace that is named but missing is an error, not a new file.
    let missing = dir.dir.path("missing.pooled");
    let out = pooled().workspace(&missing).expect(1, &["list"]);
    out.complains("[S-NO-WORKSPACE]");
    assert!(!missing.exists());
    pooled()
        .env("POOLED_WORKSPACE", &missing)
        .expect(1, &["list"]);
    assert!(!missing.exists());
}

#[test]
fn a_plan_with_errors_is_listed_and_not_imported() {
    let dir = Dir::new("invalid");
    dir.ok(&["init"]);
    let before = (dir.ok(&["list"]), dir.ok(&["history"]));
    let out = dir
        .pooled()
        .expect(2, &["import", &example_file(INVALID_EXAMPLE)]);
    let text = &out.stdout;
    assert_eq!(
        text.lines().filter(|l| l.starts_with("error E-")).count(),
        6,
        "{text}"
    );
    out.says("error E-UNKNOWN-REF at schemes[1].funding[0].stream")
        .complains("[S-INVALID-PLAN]");
    assert!(
        text.ends_with("The plan has 6 errors, so nothing was done.\n"),
        "{text}"
    );
    assert_eq!((dir.ok(&["list"]), dir.ok(&["history"])), before);

    // Mistyped ids are usage errors, not plan errors.
    dir.pooled().expect(1, &["show", "two"]);
    let out = dir.pooled().expect(1, &["show", "99"]);
    out.complains("[S-UNKNOWN-SCENARIO]");
}

#[test]
fn export_refuses_to_overwrite_and_is_recorded() {
    let dir = Dir::new("export");
    dir.ok(&["init", "--empty"]);
    dir.ok(&["import", FIXED]);
    let file = dir.dir.path("outcome.json");
    let target = file.to_str().unwrap();
    dir.ok(&["export", "1", "--outcome", "-o", target]);
    let written = std::fs::read_to_string(&file).unwrap();
    let outcome: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(outcome["partners"][1]["final_cost"], "14420468.00");

    let out = dir.pooled().expect(1, &["export", "1", "-o", target]);
    out.complains("already exists");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);

    dir.ok(&["export", "1", "-o", target, "--force"]);
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(plan["format"], "pooled-plan/1");
    let history = dir.ok(&["history", "1"]);
    assert!(
        history.contains(&format!("Exported the outcome to {target}\n")),
        "{history}"
    );
    assert!(
        history.contains(&format!("Exported the document to {target}\n")),
        "{history}"
    );
}

#[test]
fn a_backup_opens_with_the_same_scenarios() {
    let dir = Dir::new("backup");
    dir.ok(&["init"]);
    dir.ok(&["import", FIXED]);
    dir.ok(&["branch", "2", "--name", "Lower forecasts"]);
    let copy = dir.dir.path("copy.pooled");
    let text = dir.ok(&["backup", copy.to_str().unwrap()]);
    assert!(
        text.contains(&format!("pooled list --workspace {}", copy.display())),
        "{text}"
    );
    let listed = pooled().workspace(&copy).ok(&["list"]);
    let body = |text: &str| text.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(body(&listed), body(&dir.ok(&["list"])));
    assert!(listed.contains("Lower forecasts"));

    // A backup never overwrites a file.
    let out = dir.pooled().expect(1, &["backup", copy.to_str().unwrap()]);
    out.complains("[S-EXISTS]");
}
