//! The same input gives the same bytes; the PDF says what it is; and `pooled report` makes
//! papers from plan files and from workspace scenarios, drafts and agreed versions alike.

use std::path::Path;
use std::process::{Command, Output};

use pooled_report::Units;

use crate::support::{TempDir, demo_plan, example_plan, paper, pdftotext, root};

fn pooled(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pooled"));
    command
        .args(args)
        .current_dir(root())
        .env_remove("POOLED_WORKSPACE")
        .env("POOLED_USER", "Test User");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("pooled runs")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for units in [Units::Pounds, Units::Thousands] {
        let first = paper(&demo_plan(), units);
        let second = paper(&demo_plan(), units);
        assert!(first == second, "two runs differ ({units:?})");
    }
    assert!(paper(&demo_plan(), Units::Pounds) != paper(&demo_plan(), Units::Thousands));
}

#[test]
fn the_pdf_has_a_title_a_subject_a_language_and_real_text() {
    let pdf = paper(&example_plan("fixed-50-50"), Units::Pounds);
    let dir = TempDir::new("info");
    let file = dir.path("paper.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let info = Command::new("pdfinfo")
        .arg(&file)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(
        info.contains("Title:") && info.contains("board paper (DRAFT)"),
        "{info}"
    );
    assert!(
        info.contains("Subject:") && info.contains("risk share"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:") && info.contains("2025"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let bytes = String::from_utf8_lossy(&pdf);
    assert!(
        bytes.contains("/Lang(en-GB)") || bytes.contains("/Lang (en-GB)"),
        "language is set"
    );
    // Real, searchable text in the embedded font, pound signs included.
    let text = pdftotext(&pdf);
    assert!(text.contains("£14,420,468.00"));
    let fonts = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    assert!(
        fonts.contains("LiberationSans") && fonts.contains("LiberationSans-Bold"),
        "{fonts}"
    );
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );
}

#[test]
fn report_writes_a_paper_from_a_plan_file_and_refuses_a_plan_with_errors() {
    let dir = TempDir::new("cli");
    let out_file = dir.path("paper.pdf");
    let out_path = out_file.to_str().unwrap();
    let plan = "fixtures/examples/own-risk-per-scheme.plan.json";
    let out = pooled(
        &["report", plan, "-o", out_path, "--date", "2025-10-20"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let first = std::fs::read(&out_file).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    // Never overwritten by accident; --force does; the same date gives the same bytes.
    let again = pooled(
        &["report", plan, "-o", out_path, "--date", "2025-10-20"],
        &[],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("already exists"));
    let forced = pooled(
        &[
            "report",
            plan,
            "-o",
            out_path,
            "--date",
            "2025-10-20",
            "--force",
        ],
        &[],
    );
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read(&out_file).unwrap() == first);

    let thousands = dir.path("paper-000.pdf");
    let out = pooled(
        &[
            "report",
            plan,
            "-o",
            thousands.to_str().unwrap(),
            "--units",
            "thousands",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(pdftotext(&std::fs::read(&thousands).unwrap()).contains("(£000)"));

    let bad = dir.path("bad.pdf");
    let out = pooled(
        &[
            "report",
            "fixtures/examples/invalid-several-errors.plan.json",
            "-o",
            bad.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("E-JOINT-SPLIT"));
    assert!(text(&out).contains("no board paper was made"));
    assert!(!bad.exists());

    let missing = pooled(
        &["report", "no-such-plan.json", "-o", bad.to_str().unwrap()],
        &[],
    );
    assert_eq!(missing.status.code(), Some(1));
    let help = pooled(&["--help"], &[]);
    assert!(
        text(&help).contains("pooled report"),
        "listed in pooled --help"
    );
}

#[test]
fn a_scenario_prints_as_a_draft_then_exactly_as_agreed_with_its_sign_offs() {
    let dir = TempDir::new("workspace");
    let ws = dir.path("bcf.pooled");
    let env = [("POOLED_WORKSPACE", ws.as_path())];
    let ok = |args: &[&str]| {
        let out = pooled(args, &env);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
        text(&out)
    };
    ok(&["init", "--empty"]);
    ok(&["import", "fixtures/examples/fixed-50-50.plan.json"]);
    let draft = dir.path("draft.pdf");
    ok(&[
        "report",
        "--scenario",
        "1",
        "-o",
        draft.to_str().unwrap(),
        "--date",
        "2025-10-20",
    ]);
    let draft_text = pdftotext(&std::fs::read(&draft).unwrap());
    assert!(draft_text.contains("DRAFT"));
    assert!(draft_text.contains("Baseline"));
    assert!(draft_text.contains("Signature"));

    ok(&[
        "agree",
        "1",
        "--sign",
        "Ann Lee;Pooled fund manager;Telford & Wrekin Council;2025-10-14",
        "--sign",
        "Raj Patel;ICB chief finance officer;Shropshire, Telford and Wrekin ICB;2025-10-14",
        "--sign",
        "Sue Moss;Section 151 officer;Telford & Wrekin Council;2025-10-15",
    ]);
    let agreed = dir.path("agreed.pdf");
    ok(&[
        "report",
        "--scenario",
        "1",
        "-o",
        agreed.to_str().unwrap(),
        "--date",
        "2025-10-20",
    ]);
    let agreed_text = pdftotext(&std::fs::read(&agreed).unwrap());
    assert!(agreed_text.contains("AGREED"), "{agreed_text}");
    for signatory in ["Ann Lee", "Raj Patel", "Sue Moss", "15 October 2025"] {
        assert!(agreed_text.contains(signatory), "{signatory}");
    }
    assert!(
        !agreed_text.contains("Signature"),
        "no blank lines on an agreed paper"
    );
    assert!(agreed_text.contains("£14,420,468.00"));

    let history = ok(&["history", "1"]);
    assert_eq!(history.matches("board paper").count(), 2, "{history}");
    let unknown = pooled(
        &[
            "report",
            "--scenario",
            "9",
            "-o",
            dir.path("x.pdf").to_str().unwrap(),
        ],
        &env,
    );
    assert_eq!(unknown.status.code(), Some(1));
}
