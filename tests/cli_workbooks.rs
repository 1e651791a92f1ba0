//! `pooled convert`, `pooled import BOOK.xlsx` and `pooled export -o BOOK.xlsx` as a finance lead
//! runs them (workbook spec §5, §7): the spec's example workbooks read to their plans, every
//! error at its cell with exit 2 and nothing written, round trips through Pooled's workbook, and
//! imports recorded with the file's name and SHA-256.

use pooled_testkit::TempDir;
use pooled_testkit::cli::Pooled;
use pooled_testkit::fixtures::{DEMO_FILE, example_file, fixture, root};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn pooled() -> Pooled {
    pooled_testkit::pooled!()
}

/// A plan as spec §2.4 compares plans: amounts and weights equal as decimal numbers
/// (`"1250"` = `"1250.00"`), everything else exactly.
fn comparable(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(decimal_form(text)),
        Value::Array(items) => Value::Array(items.iter().map(comparable).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), comparable(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A decimal number's text without trailing zeros; any other text unchanged.
fn decimal_form(text: &str) -> String {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let is_number = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.');
    if !is_number || !text.contains('.') {
        return text.to_owned();
    }
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn fixture_json(relative: &str) -> Value {
    serde_json::from_slice(&fixture(relative)).unwrap()
}

#[test]
fn the_spec_example_workbook_and_csv_convert_to_their_plans() {
    let dir = TempDir::new("convert-examples");
    for (input, expected) in [
        ("bcf-template.xlsx", "bcf-template.plan.json"),
        ("expenditure.csv", "expenditure.plan.json"),
        ("own-layout.xlsx", "own-layout.plan.json"),
    ] {
        let out = dir.path(&format!("{input}.json"));
        let said = pooled().ok(&[
            "convert",
            &format!("fixtures/workbooks/{input}"),
            out.to_str().unwrap(),
        ]);
        assert!(said.starts_with("Wrote the plan to "), "{said}");
        assert_eq!(
            comparable(&read_json(&out)),
            comparable(&fixture_json(&format!("workbooks/{expected}"))),
            "{input} reads as {expected}"
        );
    }
}

#[test]
fn a_workbook_with_errors_names_every_cell_exits_two_and_writes_nothing() {
    let dir = TempDir::new("convert-errors");
    let out = dir.path("errors.json");
    let run = pooled().expect(
        2,
        &[
            "convert",
            "fixtures/workbooks/errors.xlsx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(!out.exists(), "nothing is written");
    let written: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(written["format"], "pooled-findings/1");
    let mut found: Vec<(String, String)> = written["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(
                f["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(f["cell"].as_str().unwrap_or("")),
                "a message starts with its cell: {f}"
            );
            // Each message is on standard error too, for a person.
            assert!(run.stderr.contains(f["message"].as_str().unwrap()));
            (
                f["code"].as_str().unwrap().to_owned(),
                f["cell"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    found.sort();
    let expected = fixture_json("workbooks/errors.errors.json");
    assert_eq!(expected["exit"], 2);
    let mut wanted: Vec<(String, String)> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["cell"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    wanted.sort();
    assert_eq!(found, wanted);
}

#[test]
fn plans_round_trip_through_pooleds_workbook() {
    let dir = TempDir::new("convert-round-trip");
    for plan in [
        DEMO_FILE.to_owned(),
        "fixtures/demo/westmere-2025-26.plan.json".to_owned(),
        example_file("reserve-and-offsets"),
        example_file("agreed-and-amounts"),
        example_file("tiered-bands-caps"),
        example_file("aligned-no-settlement"),
        example_file("own-risk-per-scheme"),
        example_file("contracts-and-breach"),
    ] {
        let book = dir.path("plan.xlsx");
        let back = dir.path("back.json");
        let said = pooled().ok(&["convert", &plan, book.to_str().unwrap(), "--force"]);
        assert!(said.starts_with("Wrote Pooled's workbook to "), "{said}");
        let bytes = std::fs::read(&book).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip");
        pooled().ok(&[
            "convert",
            book.to_str().unwrap(),
            back.to_str().unwrap(),
            "--force",
        ]);
        let original: Value =
            serde_json::from_slice(&std::fs::read(root().join(&plan)).unwrap()).unwrap();
        assert_eq!(
            comparable(&read_json(&back)),
            comparable(&original),
            "{plan} reads back from its workbook unchanged"
        );
    }
}

#[test]
fn a_plan_converts_to_the_expenditure_csv() {
    let dir = TempDir::new("convert-csv");
    let csv = dir.path("expenditure.csv");
    pooled().ok(&["convert", DEMO_FILE, csv.to_str().unwrap()]);
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let first = text.split("\r\n").next().unwrap();
    assert!(first.starts_with("Scheme ID,Scheme Name,Brief Description of Scheme,Scheme Type"));
    // Read back, it is the BCF-template reading of the same schemes and funding lines.
    let back = dir.path("back.json");
    pooled().ok(&[
        "convert",
        csv.to_str().unwrap(),
        back.to_str().unwrap(),
        "--year",
        "2025-26",
    ]);
    let plan: Value =
        serde_json::from_slice(&fixture("demo/northbrook-2025-26.plan.json")).unwrap();
    let read = read_json(&back);
    assert_eq!(
        read["schemes"].as_array().unwrap().len(),
        plan["schemes"].as_array().unwrap().len()
    );
}

#[test]
fn unknown_pairs_and_plans_with_errors_are_refused() {
    let dir = TempDir::new("convert-refused");
    pooled()
        .expect(
            1,
            &["convert", DEMO_FILE, dir.path("out.pdf").to_str().unwrap()],
        )
        .complains("cannot convert");
    let run = pooled().expect(
        2,
        &[
            "convert",
            &example_file("invalid-several-errors"),
            dir.path("out.xlsx").to_str().unwrap(),
        ],
    );
    assert!(run.stdout.contains("E-UNKNOWN-REF"), "{}", run.stdout);
    assert!(!dir.path("out.xlsx").exists());
    // A text file named .xlsx is not a workbook.
    let fake = dir.path("fake.xlsx");
    std::fs::write(&fake, "Scheme ID,Amount\n1,2\n").unwrap();
    let run = pooled().expect(
        2,
        &[
            "convert",
            fake.to_str().unwrap(),
            dir.path("fake.json").to_str().unwrap(),
        ],
    );
    assert!(run.stdout.contains("E-WORKBOOK"), "{}", run.stdout);
}

#[test]
fn importing_a_workbook_records_its_name_and_sha256_and_exports_go_to_excel() {
    let dir = TempDir::new("import-workbook");
    let ws = dir.path("w.pooled");
    let cli = pooled().workspace(&ws);
    cli.ok(&["init", "--empty"]);
    let said = cli.ok(&["import", "fixtures/workbooks/bcf-template.xlsx"]);
    assert!(
        said.contains("Imported fixtures/workbooks/bcf-template.xlsx as plan 1"),
        "{said}"
    );
    let digest = Sha256::digest(fixture("workbooks/bcf-template.xlsx"));
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let history = cli.ok(&["history"]);
    assert!(
        history.contains(&format!("bcf-template.xlsx (SHA-256 {hex})")),
        "the import is recorded with the file's name and SHA-256: {history}"
    );
    let shown: Value = serde_json::from_str(&cli.ok(&["show", "1"])).unwrap();
    assert_eq!(
        comparable(&shown),
        comparable(&fixture_json("workbooks/bcf-template.plan.json"))
    );
    // A second workbook as a new scenario of the same plan.
    cli.ok(&[
        "import",
        "fixtures/workbooks/bcf-template.xlsx",
        "--into",
        "1",
        "--name",
        "Again",
    ]);
    // A workbook with errors is not imported.
    cli.expect(2, &["import", "fixtures/workbooks/errors.xlsx"]);
    assert_eq!(cli.ok(&["list"]).matches("Plan ").count(), 1);

    let book = dir.path("scenario.xlsx");
    let said = cli.ok(&["export", "--scenario", "1", "-o", book.to_str().unwrap()]);
    assert!(said.contains("recorded in the audit trail"), "{said}");
    let back = dir.path("back.json");
    pooled().ok(&["convert", book.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(comparable(&read_json(&back)), comparable(&shown));
    assert!(cli.ok(&["history"]).contains("scenario.xlsx"));
}
