//! The same input gives the same bytes; the PDF says what it is; and `pooled report` makes
//! papers from plan files and from workspace scenarios, drafts and agreed versions alike.

use pooled_report::Units;
use pooled_testkit::TempDir;
use pooled_testkit::cli::{Pooled, Run, SIGN_ARGS};
use pooled_testkit::fixtures::{INVALID_EXAMPLE, demo_plan, example, example_file};
use pooled_testkit::pdf::{pdftotext, poppler};

use crate::support::paper;

fn pooled() -> Pooled {
    pooled_testkit::pooled!()
}

/// `pdftotext` of a PDF file.
fn text_of(file: &std::path::Path) -> String {
    pdftotext(&std::fs::read(file).unwrap())
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
    let pdf = paper(&example("fixed-50-50"), Units::Pounds);
    let info = poppler("pdfinfo", &pdf);
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
    let fonts = poppler("pdffonts", &pdf);
    assert!(
        fonts.contains("LiberationSans") && fonts.contains("LiberationSans-Bold"),
        "{fonts}"
    );
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );
}

/// `pooled report SOURCE… -o FILE --date 2025-10-20 EXTRA…`.
fn report(cli: &Pooled, source: &[&str], file: &std::path::Path, extra: &[&str]) -> Run {
    let mut args = vec!["report"];
    args.extend(source);
    args.extend(["-o", file.to_str().unwrap(), "--date", "2025-10-20"]);
    args.extend(extra);
    cli.run(&args)
}

#[test]
fn report_writes_a_paper_from_a_plan_file_and_refuses_a_plan_with_errors() {
    let dir = TempDir::new("cli");
    let cli = pooled();
    let out_file = dir.path("paper.pdf");
    let plan = example_file("own-risk-per-scheme");
    let out = report(&cli, &[&plan], &out_file, &[]);
    assert_eq!(out.code, Some(0), "{}", out.text());
    let first = std::fs::read(&out_file).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    // Never overwritten by accident; --force does; the same date gives the same bytes.
    let again = report(&cli, &[&plan], &out_file, &[]);
    assert_eq!(again.code, Some(1));
    assert!(again.text().contains("already exists"));
    let forced = report(&cli, &[&plan], &out_file, &["--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.text());
    assert!(std::fs::read(&out_file).unwrap() == first);

    let thousands = dir.path("paper-000.pdf");
    let out = report(&cli, &[&plan], &thousands, &["--units", "thousands"]);
    assert_eq!(out.code, Some(0), "{}", out.text());
    assert!(text_of(&thousands).contains("(£000)"));

    let bad = dir.path("bad.pdf");
    let out = report(&cli, &[&example_file(INVALID_EXAMPLE)], &bad, &[]);
    assert_eq!(out.code, Some(2));
    assert!(out.text().contains("E-JOINT-SPLIT"));
    assert!(out.text().contains("no board paper was made"));
    assert!(!bad.exists());

    let missing = report(&cli, &["no-such-plan.json"], &bad, &[]);
    assert_eq!(missing.code, Some(1));
    assert!(
        cli.ok(&["--help"]).contains("pooled report"),
        "listed in pooled --help"
    );
}

#[test]
fn a_scenario_prints_as_a_draft_then_exactly_as_agreed_with_its_sign_offs() {
    let dir = TempDir::new("workspace");
    let cli = pooled().env("POOLED_WORKSPACE", dir.path("bcf.pooled"));
    cli.ok(&["init", "--empty"]);
    cli.ok(&["import", &example_file("fixed-50-50")]);
    let draft = dir.path("draft.pdf");
    assert_eq!(
        report(&cli, &["--scenario", "1"], &draft, &[]).code,
        Some(0)
    );
    let draft_text = text_of(&draft);
    assert!(draft_text.contains("DRAFT"));
    assert!(draft_text.contains("Baseline"));
    assert!(draft_text.contains("Signature"));

    let mut agree = vec!["agree", "1"];
    agree.extend(SIGN_ARGS);
    cli.ok(&agree);
    let agreed = dir.path("agreed.pdf");
    assert_eq!(
        report(&cli, &["--scenario", "1"], &agreed, &[]).code,
        Some(0)
    );
    let agreed_text = text_of(&agreed);
    assert!(agreed_text.contains("AGREED"), "{agreed_text}");
    for signatory in ["Ann Lee", "Raj Patel", "Sue Moss", "15 October 2025"] {
        assert!(agreed_text.contains(signatory), "{signatory}");
    }
    assert!(
        !agreed_text.contains("Signature"),
        "no blank lines on an agreed paper"
    );
    assert!(agreed_text.contains("£14,420,468.00"));

    let history = cli.ok(&["history", "1"]);
    let papers: Vec<&str> = history
        .lines()
        .filter(|l| l.contains("board paper"))
        .collect();
    assert_eq!(papers.len(), 2, "{history}");
    for (paper, file) in papers.iter().zip([&draft, &agreed]) {
        assert!(
            paper.ends_with(&format!("Exported the board paper to {}", file.display())),
            "{history}"
        );
    }
    let unknown = report(&cli, &["--scenario", "9"], &dir.path("x.pdf"), &[]);
    assert_eq!(unknown.code, Some(1));
    unknown.complains("[S-UNKNOWN-SCENARIO]");
}
